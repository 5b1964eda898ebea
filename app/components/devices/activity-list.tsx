import { Link } from '@remix-run/react'
import { RelativeTime } from '~/components/relative-time.tsx'
import { describeEvent } from '~/lib/event-text.ts'

type Event = {
  id: number
  createdAt: Date
  type: string
  actorId: string | null
  ip: string | null
  device: string | null
  details: string | null
}

export function ActivityList({
  events,
  nextBefore,
  viewerId,
  now,
}: {
  events: Event[]
  nextBefore: number | null
  viewerId: string
  now: Date
}) {
  return (
    <section aria-labelledby="activity-title" className="space-y-3">
      <h2 id="activity-title" className="text-xl font-semibold">
        Recent security activity
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">Nothing to show yet.</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {events.map((event) => (
            <li key={event.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1 p-3">
              <span>{describeEvent(event, viewerId)}</span>
              <span className="text-slate-500 dark:text-slate-400">
                {event.ip ? `${event.ip} · ` : ''}
                <RelativeTime date={event.createdAt} now={now} />
              </span>
            </li>
          ))}
        </ol>
      )}
      {nextBefore ? (
        <Link
          to={`?before=${nextBefore}`}
          className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
          preventScrollReset
        >
          Older activity
        </Link>
      ) : null}
    </section>
  )
}
