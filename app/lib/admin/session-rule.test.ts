import { describe, expect, test } from 'vitest'
import { describeRule, parseRule, ruleToFields } from './session-rule.ts'

const form = (fields: Record<string, string>) => new URLSearchParams(fields)

describe('parseRule', () => {
  test('reads every rule and round-trips through its fields', () => {
    const parsed = parseRule(
      form({
        signedInBefore: '2026-01-01',
        inactiveDays: '30',
        browser: 'firefox',
        os: 'Windows',
        ip: '10.0.0.7/8',
        role: 'user',
      }),
    )
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.rule).toMatchObject({
      signedInBefore: '2026-01-01',
      inactiveDays: 30,
      browser: 'firefox',
      os: 'Windows',
      role: 'user',
    })
    expect(ruleToFields(parsed.rule)).toEqual({
      signedInBefore: '2026-01-01',
      inactiveDays: '30',
      browser: 'firefox',
      os: 'Windows',
      ip: '10.0.0.0/8',
      role: 'user',
    })
    expect(describeRule(parsed.rule)).toBe(
      'Sessions signed in before 2026-01-01 and inactive for more than 30 days and using firefox and on Windows and from 10.0.0.0/8 and of users with the user role',
    )
  })

  test('empty fields are left out; an empty rule is refused', () => {
    const parsed = parseRule(form({ signedInBefore: '', inactiveDays: ' ', browser: '', os: '', ip: '', role: '' }))
    expect(parsed).toEqual({ ok: false, errors: { form: expect.stringContaining('Choose at least one rule') } })
  })

  test.each([
    [{ ip: '300.1.1.1/24' }, 'ip', '“300.1.1.1” is not a valid IP address'],
    [{ ip: '10.0.0.0/33' }, 'ip', '/33 is too long'],
    [{ ip: 'abc' }, 'ip', 'not a valid IP address'],
    [{ inactiveDays: '0' }, 'inactiveDays', 'at least 1 day'],
    [{ inactiveDays: '2.5' }, 'inactiveDays', 'whole number'],
    [{ signedInBefore: '2026-13-45' }, 'signedInBefore', 'real date'],
    [{ browser: 'Chrome%' }, 'browser', 'letters, digits'],
    [{ role: 'root' }, 'role', 'user or admin'],
  ])('%j is refused on its field', (fields, field, message) => {
    const parsed = parseRule(form(fields))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.errors[field]).toContain(message)
  })
})
