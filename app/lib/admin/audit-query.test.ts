import { describe, expect, test } from 'vitest'
import { auditQueryString, dayBounds, parseAuditQuery } from './audit-query.ts'

const bounds = (from: string, to: string, tz?: string) => {
  const { since, until } = dayBounds({ from, to, tz })
  return [since?.toISOString(), until?.toISOString()]
}

describe('audit day filters in the reader’s time zone', () => {
  test('without a zone, whole UTC days, both ends included', () => {
    expect(bounds('2026-07-01', '2026-07-02')).toEqual(['2026-07-01T00:00:00.000Z', '2026-07-03T00:00:00.000Z'])
  })

  test.each([
    ['Europe/Berlin', '2026-07-01', '2026-06-30T22:00:00.000Z', '2026-07-01T22:00:00.000Z'],
    ['Europe/Berlin', '2026-01-15', '2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z'],
    ['America/Los_Angeles', '2026-07-01', '2026-07-01T07:00:00.000Z', '2026-07-02T07:00:00.000Z'],
    ['Asia/Kolkata', '2026-07-01', '2026-06-30T18:30:00.000Z', '2026-07-01T18:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-12-01', '2026-11-30T10:00:00.000Z', '2026-12-01T10:00:00.000Z'],
  ])('in %s, %s runs from local midnight to the next', (tz, day, since, until) => {
    expect(bounds(day, day, tz)).toEqual([since, until])
  })

  test('a day with a clock change is 23 or 25 hours long', () => {
    // Berlin: summer time starts 2026-03-29 at 02:00 and ends 2026-10-25 at 03:00.
    expect(bounds('2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ])
    expect(bounds('2026-10-25', '2026-10-25', 'Europe/Berlin')).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
    ])
    // Los Angeles: 2026-03-08 02:00 → 03:00.
    expect(bounds('2026-03-08', '2026-03-08', 'America/Los_Angeles')).toEqual([
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T07:00:00.000Z',
    ])
  })

  test('where the clocks skip midnight, the day starts at the first minute that exists', () => {
    // Santiago: 2026-09-06 00:00 (UTC-4) becomes 01:00 (UTC-3), i.e. 04:00 UTC.
    expect(bounds('2026-09-06', '2026-09-06', 'America/Santiago')[0]).toBe('2026-09-06T04:00:00.000Z')
  })

  test('the zone travels with the filters (pages, CSV); an unknown zone is ignored: UTC', () => {
    const parsed = parseAuditQuery(new URLSearchParams({ from: '2026-07-01', tz: 'Europe/Berlin' }), [])
    expect(parsed).toMatchObject({ ok: true, query: { from: '2026-07-01', tz: 'Europe/Berlin' } })
    if (parsed.ok) expect(auditQueryString(parsed.query)).toBe('?from=2026-07-01&tz=Europe%2FBerlin')
    for (const tz of ['Mars/Olympus_Mons', 'x'.repeat(65), '']) {
      const ignored = parseAuditQuery(new URLSearchParams({ from: '2026-07-01', tz }), [])
      expect(ignored).toEqual({ ok: true, query: { from: '2026-07-01' } })
      if (ignored.ok) expect(dayBounds(ignored.query).since?.toISOString()).toBe('2026-07-01T00:00:00.000Z')
    }
  })
})
