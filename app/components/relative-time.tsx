const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

const formatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** "5 minutes ago", "3 days ago", "in 6 days": relative to the server's `now`, so that
 * the server and the browser render the same words. */
export function relativeTime(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime()
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return formatter.format(Math.trunc(diff / ms), unit)
  }
  return diff < 0 ? 'just now' : 'in under a minute'
}

// One formatter for every call: toLocaleString builds a new one each time (~0.1 ms), and
// a page of 50 devices asks for 200 exact times.
const exactFormatter = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

export function exactTime(date: Date): string {
  return exactFormatter.format(date) + ' UTC'
}

/** A relative time with the exact one in a <time> element and its title. */
export function RelativeTime({ date, now, prefix = '' }: { date: Date; now: Date; prefix?: string }) {
  return (
    <time dateTime={date.toISOString()} title={exactTime(date)}>
      {prefix}
      {relativeTime(date, now)}
    </time>
  )
}
