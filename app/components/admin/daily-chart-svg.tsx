import { formatCount } from '~/components/admin/admin-layout.tsx'

export type Day = { day: string; signIns: number; failed: number }

const HEIGHT = 220
const PAD = { top: 12, right: 6, bottom: 30, left: 40 }
const compact = new Intl.NumberFormat('en-US', { notation: 'compact' })

export const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

/** A step that gives 3–5 round gridlines up to at least `max`. */
function niceStep(max: number) {
  const rough = Math.max(1, max) / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  return ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power
}

/**
 * The bars, drawn for one width: the SVG scales with its box, so the page renders a
 * narrow drawing for phones and a wide one for larger screens rather than shrinking text.
 */
export function DailyChartSvg({
  days,
  width,
  labelEvery,
  summary,
  className,
}: {
  days: Day[]
  width: number
  labelEvery: number
  summary: string
  className: string
}) {
  const highest = Math.max(...days.map((day) => Math.max(day.signIns, day.failed)))
  const step = niceStep(highest)
  const top = step * Math.max(1, Math.ceil(highest / step))
  const plotHeight = HEIGHT - PAD.top - PAD.bottom
  const slot = (width - PAD.left - PAD.right) / Math.max(1, days.length)
  const bar = Math.min(18, (slot - 4) / 2)
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight
  return (
    <svg
      viewBox={`0 0 ${width} ${HEIGHT}`}
      role="img"
      aria-label={summary}
      className={`h-auto w-full text-slate-500 dark:text-slate-400 ${className}`}
    >
      {Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step).map((value) => (
        <g key={value}>
          <line
            x1={PAD.left}
            x2={width - PAD.right}
            y1={y(value)}
            y2={y(value)}
            className="stroke-slate-200 dark:stroke-slate-700"
            strokeWidth="1"
          />
          <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" className="fill-current text-[12px] tabular-nums">
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
              <title>{`${dayLabel(day.day)}: ${formatCount(day.signIns)} sign-ins`}</title>
            </rect>
            <rect
              x={x + 1}
              y={y(day.failed)}
              width={bar}
              height={Math.max(0, y(0) - y(day.failed))}
              rx="2"
              className="fill-red-500"
            >
              <title>{`${dayLabel(day.day)}: ${formatCount(day.failed)} failed`}</title>
            </rect>
            {/* Label today and every `labelEvery`-th day before it. */}
            {(days.length - 1 - index) % labelEvery === 0 ? (
              // Today's label ends at its bars, so that it never runs off the drawing.
              <text
                x={index === days.length - 1 ? x + bar + 1 : x}
                y={HEIGHT - 8}
                textAnchor={index === days.length - 1 ? 'end' : 'middle'}
                className="fill-current text-[12px]"
              >
                {dayLabel(day.day)}
              </text>
            ) : null}
          </g>
        )
      })}
    </svg>
  )
}
