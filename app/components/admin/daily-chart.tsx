import { formatCount } from '~/components/admin/admin-layout.tsx'
import { DailyChartSvg, dayLabel, type Day } from '~/components/admin/daily-chart-svg.tsx'

/**
 * Sign-ins and failed sign-ins per day as server-rendered SVG (no JavaScript). The SVG
 * is an image with a text summary; the table under it holds every number.
 */
export function DailyChart({ id, days }: { id: string; days: Day[] }) {
  const totals = days.reduce((sum, day) => ({ signIns: sum.signIns + day.signIns, failed: sum.failed + day.failed }), {
    signIns: 0,
    failed: 0,
  })
  const summary = `${formatCount(totals.signIns)} sign-ins and ${formatCount(totals.failed)} failed sign-ins over the last ${days.length} days; the table below lists each day.`
  return (
    <figure
      aria-labelledby={id}
      className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <figcaption id={id} className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-semibold">Sign-ins per day (UTC)</span>
        <span className="flex gap-4 text-sm text-slate-600 dark:text-slate-300">
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="h-3 w-3 rounded-sm bg-brand-500" /> Sign-ins
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="h-3 w-3 rounded-sm bg-red-500" /> Failed sign-ins
          </span>
        </span>
      </figcaption>
      <DailyChartSvg days={days} width={700} labelEvery={1} summary={summary} className="hidden sm:block" />
      <DailyChartSvg days={days} width={340} labelEvery={3} summary={summary} className="sm:hidden" />
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-600 dark:text-brand-100">Show the numbers</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">Sign-ins and failed sign-ins per day</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Day
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Sign-ins
                </th>
                <th scope="col" className="py-1 font-medium">
                  Failed sign-ins
                </th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((day) => (
                <tr key={day.day} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {dayLabel(day.day)}
                  </th>
                  <td className="py-1 pr-4">{formatCount(day.signIns)}</td>
                  <td className="py-1">{formatCount(day.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
