import { z } from 'zod'

// The audit log's filters, shared by the page and its CSV export. Dates are whole UTC
// days: "from" includes its day, "to" includes its day too. The list of event types
// lives in a server module, so the type is checked against it by the caller.

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Enter a real date.')
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blank, schema.optional())
const cursor = optional(z.coerce.number().int().min(1)).catch(undefined)

export const auditQuerySchema = z.object({
  type: optional(z.string().trim().max(40)),
  actor: optional(z.string().trim().toLowerCase().max(254)),
  target: optional(z.string().trim().toLowerCase().max(254)),
  from: optional(day),
  to: optional(day),
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
  for (const key of ['type', 'actor', 'target', 'from', 'to'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  if (cursor.before) params.set('before', String(cursor.before))
  if (cursor.after) params.set('after', String(cursor.after))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The UTC instants a day filter covers: [from 00:00, day after `to` 00:00). */
export function dayBounds(query: Pick<AuditQuery, 'from' | 'to'>) {
  return {
    since: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    until: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
  }
}
