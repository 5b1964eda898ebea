import { formatCount } from '~/components/admin/admin-layout.tsx'

/** The overview's headline numbers, as a description list. */
export function StatGrid({ stats }: { stats: Array<{ label: string; value: number; hint?: string }> }) {
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {stats.map((stat) => (
        <div
          key={stat.label}
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <dt className="text-sm font-medium text-slate-600 dark:text-slate-300">{stat.label}</dt>
          <dd className="mt-1 text-3xl font-bold tabular-nums tracking-tight">{formatCount(stat.value)}</dd>
          {stat.hint ? <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{stat.hint}</dd> : null}
        </div>
      ))}
    </dl>
  )
}
