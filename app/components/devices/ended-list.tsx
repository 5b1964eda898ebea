import { DeviceIcon } from '~/components/device-icon.tsx'
import { RelativeTime } from '~/components/relative-time.tsx'
import { describeEnding } from '~/lib/event-text.ts'

type Ended = {
  id: string
  name: string
  deviceType: string
  endedAt: Date
  endReason: string | null
  endedByLabel: string | null
  endedByOwner: boolean
}

export function EndedList({ ended, now, idleTimeoutMs }: { ended: Ended[]; now: Date; idleTimeoutMs: number }) {
  return (
    <section aria-labelledby="ended-title" className="space-y-3">
      <h2 id="ended-title" className="text-xl font-semibold">
        Ended sessions
      </h2>
      {ended.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No sessions ended in the last 30 days.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {ended.map((session) => (
            <li key={session.id} className="flex items-start gap-3 p-4 text-sm">
              <DeviceIcon type={session.deviceType} className="mt-0.5 h-5 w-5 shrink-0 text-slate-500" />
              <div className="min-w-0">
                <p className="font-medium">{session.name}</p>
                <p className="text-slate-600 dark:text-slate-300">
                  {session.endReason === 'idle-expiry'
                    ? `Expired after ${Math.round(idleTimeoutMs / 86_400_000) || 1} days of inactivity`
                    : describeEnding(session.endReason, session.endedByLabel, session.endedByOwner)}{' '}
                  · <RelativeTime date={session.endedAt} now={now} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
