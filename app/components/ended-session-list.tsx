import { DeviceIcon } from '~/components/device-icon.tsx'
import { RelativeTime } from '~/components/relative-time.tsx'

export type EndedSession = {
  id: string
  name: string
  deviceType: string
  endedAt: Date
  endReason: string | null
  endedByLabel: string | null
  lastIp: string
}

/** Ended sessions with what ended each; the owner's page and the admin's word it differently. */
export function EndedSessionList<T extends EndedSession>({
  ended,
  now,
  describe,
  showIp = false,
}: {
  ended: T[]
  now: Date
  describe: (session: T) => string
  showIp?: boolean
}) {
  if (ended.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">No sessions ended in the last 30 days.</p>
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {ended.map((session) => (
        <li key={session.id} className="flex items-start gap-3 p-4 text-sm">
          <DeviceIcon type={session.deviceType} className="mt-0.5 h-5 w-5 shrink-0 text-slate-500" />
          <div className="min-w-0">
            <p className="font-medium">{session.name}</p>
            <p className="text-slate-600 dark:text-slate-300">
              {describe(session)} · <RelativeTime date={new Date(session.endedAt)} now={now} />
              {showIp ? ` · IP ${session.lastIp}` : null}
            </p>
          </div>
        </li>
      ))}
    </ul>
  )
}
