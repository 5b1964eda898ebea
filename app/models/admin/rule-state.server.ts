import { parseRule, ruleFields, describeRule, ruleToFields } from '~/lib/admin/session-rule.ts'
import { previewRule } from '~/models/admin/rules.server.ts'

/** What the rule form shows: the fields as typed, and either the preview or what is wrong. */
export async function ruleState(
  source: URLSearchParams | FormData,
  except: { sessionId: string; userId: string },
  now = new Date(),
) {
  const fields = Object.fromEntries(ruleFields.map((field) => [field, String(source.get(field) ?? '')])) as Record<
    (typeof ruleFields)[number],
    string
  >
  const parsed = parseRule(source)
  if (!parsed.ok) return { ok: false as const, fields, errors: parsed.errors }
  const preview = await previewRule(parsed.rule, { except, now })
  return {
    ok: true as const,
    fields,
    ruleFields: ruleToFields(parsed.rule),
    description: describeRule(parsed.rule),
    preview,
  }
}

export type RuleState = Awaited<ReturnType<typeof ruleState>>
