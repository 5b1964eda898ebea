import { useEffect, useState } from 'react'

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

// The reader's own time zone, once JavaScript runs (the server cannot know it).
let localFormatter: Intl.DateTimeFormat | undefined
export function localExactTime(date: Date): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: spell the fields out.
  localFormatter ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
  return localFormatter.format(date)
}

/** The exact time: in UTC from the server and without JavaScript, in the reader's zone after hydration. */
export function useExactTime(date: Date): string {
  const [text, setText] = useState(() => exactTime(date))
  const time = date.getTime()
  useEffect(() => setText(localExactTime(new Date(time))), [time])
  return text
}

/** An exact time in a <time> element (the reader's zone with JavaScript, UTC without). */
export function LocalTime({ date }: { date: Date }) {
  const text = useExactTime(date)
  return <time dateTime={date.toISOString()}>{text}</time>
}

/** A relative time with the exact one in a <time> element and its title. */
export function RelativeTime({ date, now, prefix = '' }: { date: Date; now: Date; prefix?: string }) {
  const exact = useExactTime(date)
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {prefix}
      {relativeTime(date, now)}
    </time>
  )
}
