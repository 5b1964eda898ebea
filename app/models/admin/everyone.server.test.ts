import { expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { previewEveryone, revokeEveryone } from '~/models/admin/everyone.server.ts'
import { actorFor, makeSession } from '~/models/admin/test-fixtures.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'
import { makeUser } from '../../../tests/setup/factories.ts'

test('signing out everyone ends every active session but the admin’s own, as one event', async () => {
  const now = new Date()
  const [admin, ann, ben] = await Promise.all([makeUser({ role: 'admin' }), makeUser(), makeUser()])
  const mine = await makeSession(admin.id, { now })
  const otherOfMine = await makeSession(admin.id, { now })
  await Promise.all([
    makeSession(ann.id, { now }),
    makeSession(ann.id, { now }),
    makeSession(ben.id, { now }),
    makeSession(ben.id, { now, ended: true }),
  ])

  // Other test files may have left active sessions in this database: compare with a direct count.
  const active = await db.session.findMany({
    where: { ...activeSessionWhere(new Date()), id: { not: mine.id } },
    select: { userId: true },
  })
  const expected = { sessions: active.length, users: new Set(active.map((row) => row.userId)).size }
  expect(await previewEveryone({ sessionId: mine.id, userId: admin.id })).toEqual(expected)

  expect(await revokeEveryone(actorFor(admin, mine.id))).toEqual({ count: expected.sessions, users: expected.users })
  expect(await db.session.findMany({ where: activeSessionWhere(new Date()), select: { id: true } })).toEqual([
    { id: mine.id },
  ])
  expect(await db.session.findUniqueOrThrow({ where: { id: otherOfMine.id } })).toMatchObject({
    endReason: 'revoked-by-admin',
    endedById: admin.id,
    endedByLabel: 'An administrator',
  })

  const event = await db.securityEvent.findFirstOrThrow({
    where: { type: 'admin-revoked-everyone', actorId: admin.id },
  })
  expect(JSON.parse(event.details!)).toEqual({ by: 'admin', count: expected.sessions, users: expected.users })
})
