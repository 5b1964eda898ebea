import { signedOutMessage, isRejectReason } from '~/session/end-reasons.ts'

// One sentence per security event and per ended session, as people read them.

type EventLike = { type: string; actorId: string | null; device: string | null; details: string | null }

export function eventDetails(details: string | null): Record<string, unknown> {
  if (!details) return {}
  try {
    const value: unknown = JSON.parse(details)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const plural = (count: unknown, word: string) => `${Number(count) || 0} ${word}${Number(count) === 1 ? '' : 's'}`

/** Where an event came from, as stored with it ("Germany", "Local network"), or null. */
export function eventLocation(details: string | null): string | null {
  const location = eventDetails(details).location
  return typeof location === 'string' && location !== '' ? location.slice(0, 80) : null
}

/** Describes an event for the affected user (`viewerId`); admins stay "an administrator". */
export function describeEvent(event: EventLike, viewerId: string): string {
  const details = eventDetails(event.details)
  const byAdmin =
    details.by === 'admin' || (event.actorId !== null && event.actorId !== viewerId && details.by !== 'user')
  const on = event.device ? ` on ${event.device}` : ''
  switch (event.type) {
    case 'signup':
      return 'Account created'
    case 'sign-in':
      return `Signed in${on}`
    case 'sign-in-failed':
      return details.why === 'disabled' ? 'Sign-in refused: the account is disabled' : `Failed sign-in attempt${on}`
    case 'sign-in-throttled':
      return 'Sign-in attempts slowed down after repeated failures'
    case 'sign-out':
      return `Signed out${on}`
    case 'reauth-failed':
      return `Wrong password given to confirm a sensitive action${on}`
    case 'reauthenticated':
      return `Password confirmed${on}`
    case 'session-revoked':
      return byAdmin
        ? `An administrator signed out ${String(details.revoked ?? 'a device')}`
        : `You signed out ${String(details.revoked ?? 'a device')}${event.device ? ` from ${event.device}` : ''}`
    case 'sessions-revoked':
      if (byAdmin) return `An administrator signed out ${plural(details.count, 'device')}`
      return details.scope === 'all'
        ? `You signed out everywhere (${plural(details.count, 'device')})`
        : `You signed out ${plural(details.count, 'other device')}`
    case 'session-renamed':
      return `Renamed a device to “${String(details.label ?? '')}”`
    case 'password-changed':
      return byAdmin ? 'An administrator changed your password' : `Password changed${on}`
    case 'role-changed':
      return `An administrator changed your role to ${String(details.role ?? 'another role')}`
    case 'user-disabled':
      return 'An administrator disabled your account'
    case 'user-enabled':
      return 'An administrator enabled your account'
    case 'session-cap-evicted':
      return `Signed out ${plural(Array.isArray(details.ended) ? details.ended.length : 0, 'device')}: too many devices signed in`
    case 'suspected-theft':
      return `Signed out ${event.device ?? 'a device'}: its session was used from ${String(details.seenFrom ?? 'another browser')}`
    case 'admin-revoked-everyone':
      return 'An administrator signed everyone out'
    case 'admin-revoked-by-rule':
      return 'An administrator signed out sessions matching a rule'
    case 'sign-in-not-me':
      return `You said a sign-in was not you and signed out ${String(details.revoked ?? 'that device')}`
    case 'password-reset-requested':
      return 'A password reset link was emailed'
    case 'password-reset':
      return `Password reset through an emailed link; ${plural(details.endedSessions, 'device')} signed out`
    case 'email-change-requested':
      return `Asked to change the email address to ${String(details.newEmail ?? 'another address')}`
    case 'email-changed':
      return `Email address changed to ${String(details.newEmail ?? 'another address')}`
    case 'name-changed':
      return 'Display name changed'
    case 'mail-preferences-changed':
      return 'Email alert choices changed'
    case 'access-refused':
      return `Refused ${plural(details.count, 'request')} (${String(details.reason ?? 'not allowed')})`
    default:
      return event.type
  }
}

const endedText: Record<string, (ended: { endedByLabel: string | null }, idleDays: number) => string> = {
  'signed-out': () => 'You signed out',
  'revoked-by-user': ({ endedByLabel }) =>
    endedByLabel ? `You signed it out from ${endedByLabel}` : 'You signed it out',
  'revoked-by-admin': () => 'An administrator signed it out',
  'password-change': () => 'Ended when you changed your password',
  'user-disabled': () => 'Ended when the account was disabled',
  'role-change': () => 'Ended when an administrator changed your role',
  'idle-expiry': (_, idleDays) => `Expired after ${idleDays} day${idleDays === 1 ? '' : 's'} of inactivity`,
  'absolute-expiry': () => 'Expired: it reached its maximum lifetime',
  'session-cap': () => 'Ended: too many devices signed in',
  'suspected-theft': () => 'Ended: it was used from a different browser',
}

/** What ended a session, for the owner's "Ended sessions" list. */
export function describeEnding(
  ended: { endReason: string | null; endedByLabel: string | null },
  idleTimeoutMs: number,
): string {
  const text = ended.endReason ? endedText[ended.endReason] : undefined
  if (text) return text(ended, Math.max(1, Math.round(idleTimeoutMs / 86_400_000)))
  return isRejectReason(ended.endReason) ? signedOutMessage[ended.endReason] : 'Ended'
}
