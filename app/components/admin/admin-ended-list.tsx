import { DeviceIcon } from '~/components/device-icon.tsx'
import { RelativeTime } from '~/components/relative-time.tsx'

type Ended = {
  id: string
  name: string
  deviceType: string
  endedAt: Date
  endReason: string | null
  endedByLabel: string | null
  endedByOwner: boolean
  lastIp: string
}

// The admin's wording: the devices page speaks to the owner ("You signed it out"), this one about them.
const reasons: Record<string, (ended: Ended) => string> = {
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

export function AdminEndedList({ ended, now }: { ended: Ended[]; now: Date }) {
  if (ended.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-300">No session ended in the last 30 days.</p>
  return (
    <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {ended.map((session) => (
        <li key={session.id} className="flex items-start gap-3 p-4 text-sm">
          <DeviceIcon type={session.deviceType} className="mt-0.5 h-5 w-5 shrink-0 text-slate-500" />
          <div className="min-w-0">
            <p className="font-medium">{session.name}</p>
            <p className="text-slate-600 dark:text-slate-300">
              {(session.endReason && reasons[session.endReason]?.(session)) ?? 'Ended'} ·{' '}
              <RelativeTime date={new Date(session.endedAt)} now={now} /> · IP {session.lastIp}
            </p>
          </div>
        </li>
      ))}
    </ul>
  )
}
