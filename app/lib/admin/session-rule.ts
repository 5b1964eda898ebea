import { z } from 'zod'
import { parseIpRange, type IpRange } from '~/lib/admin/ip-range.ts'

// The bulk sign-out rule: its form fields (which live in the URL, so the preview and the
// sign-out post the same rule), their validation, and how the rule reads in words.

export const ruleFields = ['signedInBefore', 'inactiveDays', 'browser', 'os', 'ip', 'role'] as const

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional())

// Browser and OS names are plain words; refusing LIKE's wildcards keeps a name a name.
const familyName = z
  .string()
  .trim()
  .max(60, 'Use at most 60 characters.')
  .regex(/^[\p{L}\p{N} .()/+-]+$/u, 'Use letters, digits, spaces and . ( ) / + - only.')

export const ruleSchema = z
  .object({
    signedInBefore: optional(
      z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.'),
    ).refine((value) => value === undefined || !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Enter a real date.'),
    inactiveDays: optional(
      z.coerce
        .number({ error: 'Enter a number of days.' })
        .int('Enter a whole number of days.')
        .min(1, 'Enter at least 1 day.')
        .max(3650, 'Enter at most 3650 days.'),
    ),
    browser: optional(familyName),
    os: optional(familyName),
    ip: optional(z.string().max(100)).transform((value, context): IpRange | undefined => {
      if (value === undefined) return undefined
      const parsed = parseIpRange(value)
      if (parsed.ok) return parsed.range
      context.addIssue({ code: 'custom', message: parsed.error })
      return z.NEVER
    }),
    role: optional(z.enum(['user', 'admin'], { error: 'Choose user or admin.' })),
  })
  .refine((rule) => Object.values(rule).some((value) => value !== undefined), {
    path: ['form'],
    message: 'Choose at least one rule: to sign out every session, use “Sign out everyone”.',
  })

/** A parsed rule; every part is optional, and an empty rule (everyone) is for code only. */
export type SessionRule = {
  signedInBefore?: string
  inactiveDays?: number
  browser?: string
  os?: string
  ip?: IpRange
  role?: 'user' | 'admin'
}

export type RuleParse = { ok: true; rule: SessionRule } | { ok: false; errors: Record<string, string> }

/** Reads the rule from a URL's query or a posted form. */
export function parseRule(source: URLSearchParams | FormData): RuleParse {
  const input = Object.fromEntries(ruleFields.map((field) => [field, source.get(field) ?? undefined]))
  const result = ruleSchema.safeParse(input)
  if (result.success) return { ok: true, rule: result.data satisfies SessionRule }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  return { ok: false, errors }
}

/** The rule as the form fields that express it (for links and hidden inputs). */
export function ruleToFields(rule: SessionRule): Record<string, string> {
  const fields: Record<string, string> = {}
  if (rule.signedInBefore) fields.signedInBefore = rule.signedInBefore
  if (rule.inactiveDays !== undefined) fields.inactiveDays = String(rule.inactiveDays)
  if (rule.browser) fields.browser = rule.browser
  if (rule.os) fields.os = rule.os
  if (rule.ip) fields.ip = rule.ip.text
  if (rule.role) fields.role = rule.role
  return fields
}

/** "signed in before 2026-01-01 and using Firefox": for the preview, the event and the log. */
export function describeRule(rule: SessionRule): string {
  const parts = [
    rule.signedInBefore ? `signed in before ${rule.signedInBefore}` : null,
    rule.inactiveDays !== undefined
      ? `inactive for more than ${rule.inactiveDays} day${rule.inactiveDays === 1 ? '' : 's'}`
      : null,
    rule.browser ? `using ${rule.browser}` : null,
    rule.os ? `on ${rule.os}` : null,
    rule.ip
      ? `from ${rule.ip.bits === (rule.ip.kind === 'ipv4' ? 32 : 128) ? rule.ip.address.toString() : rule.ip.text}`
      : null,
    rule.role ? `of users with the ${rule.role} role` : null,
  ]
  return `Sessions ${parts.filter(Boolean).join(' and ')}`
}
