import { formatCount } from '~/components/admin/admin-layout.tsx'

type Day = { day: string; signIns: number; failed: number }

const WIDTH = 700
const HEIGHT = 220
const PAD = { top: 12, right: 8, bottom: 30, left: 52 }
// The SVG scales with its width, so small screens get larger text (and every other day).
const TEXT = 'fill-current text-[22px] sm:text-[12px]'
const compact = new Intl.NumberFormat('en-US', { notation: 'compact' })

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

/** A step that gives 3–5 round gridlines up to at least `max`. */
function niceStep(max: number) {
  const rough = Math.max(1, max) / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  return ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power
}

/**
 * Sign-ins and failed sign-ins per day as server-rendered SVG (no JavaScript). The SVG
 * is an image with a text summary; the table under it holds every number.
 */
export function DailyChart({ id, days }: { id: string; days: Day[] }) {
  const step = niceStep(Math.max(...days.map((day) => Math.max(day.signIns, day.failed))))
  const top = step * Math.max(1, Math.ceil(Math.max(...days.map((day) => Math.max(day.signIns, day.failed))) / step))
  const plotWidth = WIDTH - PAD.left - PAD.right
  const plotHeight = HEIGHT - PAD.top - PAD.bottom
  const slot = plotWidth / Math.max(1, days.length)
  const bar = Math.min(18, (slot - 6) / 2)
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight
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
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        className="h-auto w-full text-slate-500 dark:text-slate-400"
      >
        {Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step).map((value) => (
          <g key={value}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(value)}
              y2={y(value)}
              className="stroke-slate-200 dark:stroke-slate-700"
              strokeWidth="1"
            />
            <text x={PAD.left - 8} y={y(value) + 4} textAnchor="end" className={`${TEXT} tabular-nums`}>
              {compact.format(value)}
            </text>
          </g>
        ))}
        {days.map((day, index) => {
          const x = PAD.left + index * slot + slot / 2
          return (
            <g key={day.day}>
              <rect
                x={x - bar - 1}
                y={y(day.signIns)}
                width={bar}
                height={Math.max(0, y(0) - y(day.signIns))}
                rx="2"
                className="fill-brand-500"
              >
                <title>{`${dayLabel(day.day)}: ${day.signIns} sign-ins`}</title>
              </rect>
              <rect
                x={x + 1}
                y={y(day.failed)}
                width={bar}
                height={Math.max(0, y(0) - y(day.failed))}
                rx="2"
                className="fill-red-500"
              >
                <title>{`${dayLabel(day.day)}: ${day.failed} failed`}</title>
              </rect>
              <text
                x={x}
                y={HEIGHT - 8}
                textAnchor="middle"
                className={`${TEXT} ${index % 2 === (days.length - 1) % 2 ? '' : 'max-sm:hidden'}`}
              >
                {dayLabel(day.day)}
              </text>
            </g>
          )
        })}
      </svg>
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
