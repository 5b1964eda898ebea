import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { pruneSessions } from '~/session/prune.server.ts'
import { createSession } from '~/session/session.server.ts'
import { chromeOnWindows, makeUser } from '../../tests/setup/factories.ts'

const day = 86_400_000

describe('pruning', () => {
  test('marks silently expired sessions as ended and deletes ended ones past retention', async () => {
    const user = await makeUser()
    const now = new Date()
    const expired = await createSession({
      userId: user.id,
      persistent: false,
      client: chromeOnWindows,
      now: new Date(now.getTime() - 2 * day),
    })
    const old = await createSession({
      userId: user.id,
      persistent: true,
      client: chromeOnWindows,
      now: new Date(now.getTime() - 40 * day),
    })
    await db.$transaction((tx) =>
      endSessions(tx, { id: old.session.id }, { reason: 'signed-out', now: new Date(now.getTime() - 35 * day) }),
    )
    const alive = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows, now })
    const progress: number[] = []
    const result = await pruneSessions({ now, onProgress: (p) => progress.push(p.expired + p.deleted) })
    expect(result.expired).toBeGreaterThanOrEqual(1)
    expect(result.deleted).toBeGreaterThanOrEqual(1)
    expect(progress.length).toBeGreaterThan(0)
    expect((await db.session.findUniqueOrThrow({ where: { id: expired.session.id } })).endReason).toBe(
      'absolute-expiry',
    )
    expect(await db.session.findUnique({ where: { id: old.session.id } })).toBeNull()
    expect((await db.session.findUniqueOrThrow({ where: { id: alive.session.id } })).endedAt).toBeNull()
  })
})
