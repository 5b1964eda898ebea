import { EndedSessionList, type EndedSession } from '~/components/ended-session-list.tsx'

// The admin's wording: the devices page speaks to the owner ("You signed it out"), this one about them.
const reasons: Record<string, (ended: EndedSession) => string> = {
  'signed-out': () => 'Signed out by the user',
  'revoked-by-user': (ended) => `Signed out by the user${ended.endedByLabel ? ` from ${ended.endedByLabel}` : ''}`,
  'revoked-by-admin': () => 'Signed out by an administrator',
  'password-change': () => 'Ended by a password change',
  'user-disabled': () => 'Ended when the account was disabled',
  'role-change': () => 'Ended by a role change',
  'idle-expiry': () => 'Expired after inactivity',
  'absolute-expiry': () => 'Expired at its maximum lifetime',
  'session-cap': () => 'Ended: too many devices signed in',
  'suspected-theft': () => 'Ended: used from a different browser',
}

export function AdminEndedList({ ended, now }: { ended: EndedSession[]; now: Date }) {
  return (
    <EndedSessionList
      ended={ended}
      now={now}
      showIp
      describe={(session) => (session.endReason && reasons[session.endReason]?.(session)) ?? 'Ended'}
    />
  )
}
