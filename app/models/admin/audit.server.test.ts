import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { parseAuditQuery, type AuditQuery } from '~/lib/admin/audit-query.ts'
import { auditBatches, listAuditEvents } from '~/models/admin/audit.server.ts'
import { eventTypes } from '~/models/security-event.server.ts'
import { makeUser } from '../../../tests/setup/factories.ts'

function query(params: Record<string, string>): AuditQuery {
  const parsed = parseAuditQuery(new URLSearchParams(params), eventTypes)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.query
}

describe('the audit log', async () => {
  const [admin, target] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
  // 7 role changes by the admin over three days in 2140 (far from other tests' events).
  const base = Date.parse('2140-03-01T10:00:00Z')
  const ids: number[] = []
  for (let n = 0; n < 7; n++) {
    const event = await db.securityEvent.create({
      data: {
        type: 'role-changed',
        actorId: admin.id,
        targetUserId: target.id,
        createdAt: new Date(base + Math.floor(n / 3) * 86_400_000 + n),
        details: JSON.stringify({ by: 'admin', role: 'user' }),
      },
    })
    ids.push(event.id)
  }
  const filters = { actor: admin.email, type: 'role-changed' }

  test('newest first, filtered by actor and type, with emails', async () => {
    const page = await listAuditEvents(query(filters))
    expect(page.events.map((event) => event.id)).toEqual([...ids].reverse())
    expect(page.events[0]).toMatchObject({ actorEmail: admin.email, targetEmail: target.email })
    expect(page.olderBefore).toBeNull()
  })

  test('keyset pages: older with before=, newer with after=', async () => {
    const first = await listAuditEvents(query(filters), 3)
    expect(first.events.map((event) => event.id)).toEqual([ids[6], ids[5], ids[4]])
    expect(first).toMatchObject({ olderBefore: ids[4], newerAfter: null })
    const second = await listAuditEvents(query({ ...filters, before: String(first.olderBefore) }), 3)
    expect(second.events.map((event) => event.id)).toEqual([ids[3], ids[2], ids[1]])
    expect(second).toMatchObject({ olderBefore: ids[1], newerAfter: ids[3] })
    const back = await listAuditEvents(query({ ...filters, after: String(second.newerAfter) }), 3)
    expect(back.events.map((event) => event.id)).toEqual([ids[6], ids[5], ids[4]])
    expect(back).toMatchObject({ olderBefore: ids[4], newerAfter: null })
  })

  test('a date range covers whole UTC days, both ends included', async () => {
    const page = await listAuditEvents(query({ ...filters, from: '2140-03-02', to: '2140-03-02' }))
    expect(page.events.map((event) => event.id)).toEqual([ids[5], ids[4], ids[3]])
    expect(
      (await listAuditEvents(query({ target: target.email, from: '2140-03-03' }))).events.map((event) => event.id),
    ).toEqual([ids[6]])
  })

  test('with the reader’s time zone, days are that zone’s', async () => {
    // 10:00 UTC is midnight in Kiritimati (UTC+14): the events of 1 March UTC are its 2 March.
    const page = await listAuditEvents(
      query({ ...filters, from: '2140-03-02', to: '2140-03-02', tz: 'Pacific/Kiritimati' }),
    )
    expect(page.events.map((event) => event.id)).toEqual([ids[2], ids[1], ids[0]])
  })

  test('an unknown email matches nothing; bad filters are refused', async () => {
    expect((await listAuditEvents(query({ actor: 'nobody@example.invalid' }))).events).toEqual([])
    expect(parseAuditQuery(new URLSearchParams({ type: 'made-up' }), eventTypes)).toMatchObject({
      ok: false,
      errors: { type: expect.any(String) },
    })
    expect(parseAuditQuery(new URLSearchParams({ from: '2140-03-05', to: '2140-03-01' }), eventTypes)).toMatchObject({
      ok: false,
    })
  })

  test('the export reads every matching event in keyset batches', async () => {
    const batches = []
    for await (const batch of auditBatches(query(filters), 2)) batches.push(batch.map((event) => event.id))
    expect(batches).toEqual([[ids[6], ids[5]], [ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]])
  })
})
