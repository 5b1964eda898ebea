import { z } from 'zod'

// The audit log's filters, shared by the page and its CSV export. Dates are whole days
// in the reader's time zone (`tz`, which the page fills in with JavaScript; UTC without):
// "from" includes its day, "to" includes its day too. The list of event types lives in a
// server module, so the type is checked against it by the caller.

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Enter a real date.')
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blank, schema.optional())
const cursor = optional(z.coerce.number().int().min(1)).catch(undefined)
// A zone the runtime does not know (a hand-made URL) is ignored: the days are UTC's, and the page says so.
const timeZone = optional(z.string().trim().max(64).refine(isTimeZone)).catch(undefined)

export const auditQuerySchema = z.object({
  type: optional(z.string().trim().max(40)),
  actor: optional(z.string().trim().toLowerCase().max(254)),
  target: optional(z.string().trim().toLowerCase().max(254)),
  from: optional(day),
  to: optional(day),
  tz: timeZone,
  before: cursor,
  after: cursor,
})

export type AuditQuery = z.infer<typeof auditQuerySchema>
export type AuditParse = { ok: true; query: AuditQuery } | { ok: false; errors: Record<string, string> }

export function parseAuditQuery(params: URLSearchParams, types: readonly string[]): AuditParse {
  const input = Object.fromEntries(
    Object.keys(auditQuerySchema.shape).map((key) => [key, params.get(key) ?? undefined]),
  )
  const result = auditQuerySchema.safeParse(input)
  if (result.success) {
    const { from, to, type } = result.data
    if (type !== undefined && !types.includes(type))
      return { ok: false, errors: { type: 'Choose an event type from the list.' } }
    if (from && to && from > to) return { ok: false, errors: { to: 'The end date is before the start date.' } }
    return { ok: true, query: result.data }
  }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  return { ok: false, errors }
}

/** The filters as a query string (without the page cursor unless given). */
export function auditQueryString(query: AuditQuery, cursor: { before?: number; after?: number } = {}): string {
  const params = new URLSearchParams()
  for (const key of ['type', 'actor', 'target', 'from', 'to', 'tz'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  if (cursor.before) params.set('before', String(cursor.before))
  if (cursor.after) params.set('after', String(cursor.after))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The instants a day filter covers: [from 00:00, day after `to` 00:00), in `tz` (else UTC). */
export function dayBounds(query: Pick<AuditQuery, 'from' | 'to' | 'tz'>) {
  const zone = query.tz ?? 'UTC'
  return {
    since: query.from ? startOfDay(Date.parse(`${query.from}T00:00:00Z`), zone) : undefined,
    until: query.to ? startOfDay(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000, zone) : undefined,
  }
}

/** The `tz` parameter when the runtime knows that zone, else null (the days are UTC's). */
export function knownTimeZone(value: string | null | undefined): string | null {
  const zone = value?.trim()
  return zone && zone.length <= 64 && isTimeZone(zone) ? zone : null
}

export function isTimeZone(value: string): boolean {
  try {
    return Boolean(zoneFormatter(value))
  } catch {
    return false // RangeError: not a time zone this runtime knows
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function zoneFormatter(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const
    formatter = new Intl.DateTimeFormat('en-US', { ...fields, second: 'numeric', hourCycle: 'h23', timeZone })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (ms; negative west of Greenwich). */
function zoneOffset(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second)
  return wall - Math.floor(instant / 1000) * 1000
}

/**
 * The instant a day starts in `timeZone`, from that day's UTC midnight. The offset is read
 * twice, the second time near the answer, so that a clock change that day is counted.
 */
function startOfDay(utcMidnight: number, timeZone: string) {
  if (timeZone === 'UTC') return new Date(utcMidnight)
  const first = utcMidnight - zoneOffset(utcMidnight, timeZone)
  const offset = zoneOffset(first, timeZone)
  const second = utcMidnight - offset
  // Where the clocks skip midnight itself, `second` lands before the change (another offset):
  // the day starts at `first`, its first minute that exists.
  return new Date(zoneOffset(second, timeZone) === offset ? second : first)
}
