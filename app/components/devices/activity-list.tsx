import { Link, useSearchParams } from '@remix-run/react'
import { RelativeTime } from '~/components/relative-time.tsx'
import { describeEvent } from '~/lib/event-text.ts'
import { activityKindOf, activityKinds, groupActivity, type ActivityEvent } from '~/lib/activity-groups.ts'

export function ActivityList({
  events,
  nextBefore,
  viewerId,
  now,
  describe,
}: {
  events: ActivityEvent[]
  nextBefore: number | null
  viewerId: string
  now: Date
  /** The admin console words events as the admin reads them; the owner's page as the owner. */
  describe?: (event: ActivityEvent) => string
}) {
  const [searchParams] = useSearchParams()
  const kind = activityKindOf(searchParams.get('kind'))
  const groups = groupActivity(events, describe ?? ((event) => describeEvent(event, viewerId)), kind)
  const linkTo = (params: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams)
    for (const [name, value] of Object.entries(params)) {
      if (value === null) next.delete(name)
      else next.set(name, value)
    }
    return `?${next.toString()}`
  }
  return (
    <section aria-labelledby="activity-title" className="space-y-3">
      <h2 id="activity-title" className="text-xl font-semibold">
        Recent security activity
      </h2>
      <nav aria-label="Show activity" className="flex flex-wrap gap-2 text-sm">
        {Object.entries(activityKinds).map(([value, { label }]) => (
          <Link
            key={value}
            to={linkTo({ kind: value === 'all' ? null : value, before: null })}
            aria-current={kind === value ? 'page' : undefined}
            preventScrollReset
            className="rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {label}
          </Link>
        ))}
      </nav>
      {groups.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">Nothing to show yet.</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {groups.map((group) => (
            <li
              key={group.key}
              className={`flex flex-wrap justify-between gap-x-4 gap-y-1 p-3 ${
                group.failed ? 'border-l-4 border-red-500 bg-red-50/60 dark:bg-red-950/30' : ''
              }`}
            >
              <span>
                {group.failed ? (
                  <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-900 dark:text-red-100">
                    Failed
                  </span>
                ) : null}
                {group.text}
                {group.count > 1 ? <span className="font-semibold"> ({group.count} times)</span> : null}
              </span>
              <span className="text-slate-500 dark:text-slate-400">
                {[group.ip, group.location].filter(Boolean).join(' · ')}
                {group.ip || group.location ? ' · ' : ''}
                {group.count > 1 ? (
                  <>
                    <RelativeTime date={group.earliest} now={now} prefix="from " /> to{' '}
                    <RelativeTime date={group.latest} now={now} />
                  </>
                ) : (
                  <RelativeTime date={group.latest} now={now} />
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {nextBefore ? (
        <Link
          to={linkTo({ before: String(nextBefore) })}
          className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
          preventScrollReset
        >
          Older activity
        </Link>
      ) : null}
    </section>
  )
}
