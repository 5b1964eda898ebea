import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { BULK_BATCH } from '~/models/admin/bulk-sign-out.server.ts'
import { revokeByRule } from '~/models/admin/rules.server.ts'
import { actorFor, agents, makeSession, uniqueWord } from '~/models/admin/test-fixtures.server.ts'
import { parseDevice } from '~/session/device.ts'
import { generatePublicId, hashSessionToken } from '~/session/token.server.ts'
import { makeUser } from '../../../tests/setup/factories.ts'

const DAY = 86_400_000

/** `n` active sessions of `userId` with a browser name no other test uses. */
async function manySessions(userId: string, browserName: string, n: number, now: Date) {
  const t = now.getTime()
  await db.session.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: generatePublicId(),
      tokenHash: hashSessionToken(randomBytes(32).toString('base64url')),
      userId,
      createdAt: new Date(t - DAY),
      lastActiveAt: new Date(t - 60_000 - i),
      idleExpiresAt: new Date(t + 7 * DAY),
      absoluteExpiresAt: new Date(t + 30 * DAY),
      signInIp: '192.0.2.1',
      lastIp: '192.0.2.1',
      ...parseDevice(agents.firefoxLinux),
      browserName,
    })),
  })
}

describe('a bulk sign-out in batches', () => {
  test('ends more than a batch, reports progress per batch, and records one event with the total', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const browserName = uniqueWord('Batch')
    const now = new Date()
    const total = BULK_BATCH * 2 + 17
    await manySessions(user.id, browserName, total, now)
    const progress: number[] = []
    const result = await revokeByRule(actorFor(admin), { browser: browserName }, now, {
      onProgress: ({ count }) => progress.push(count),
    })
    expect(result).toEqual({ count: total, users: 1 })
    expect(progress).toEqual([BULK_BATCH, BULK_BATCH * 2, total])
    expect(await db.session.count({ where: { browserName, endedAt: null } })).toBe(0)
    const events = await db.securityEvent.findMany({ where: { type: 'admin-revoked-by-rule', actorId: admin.id } })
    expect(events.map((event) => JSON.parse(event.details!).count)).toEqual([total])
  })

  test('other requests are answered between batches, and sessions signed in meanwhile are spared', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const browserName = uniqueWord('Snap')
    const now = new Date(Date.now() - 1_000)
    await manySessions(user.id, browserName, BULK_BATCH * 3, now)
    const answeredDuringJob: number[] = []
    const lateIds: string[] = []
    let running = true
    const job = revokeByRule(actorFor(admin), { browser: browserName }, now, {
      onProgress: () => answeredDuringJob.push(0),
    }).finally(() => (running = false))
    // "Another request": signs in (a new matching session) and reads while the job runs. It
    // arrives as I/O does, in a later macrotask (a loop of bare promises would starve timers).
    while (running) {
      await new Promise((resolve) => setImmediate(resolve))
      const late = await makeSession(user.id, { now: new Date(), browserName, createdAgo: 0 })
      lateIds.push(late.id)
      answeredDuringJob.push(await db.session.count({ where: { browserName, endedAt: null } }))
    }
    const result = await job
    expect(result.count).toBe(BULK_BATCH * 3)
    // The reads ran between batches: some saw a partly ended set.
    expect(answeredDuringJob.some((active) => active > lateIds.length && active < BULK_BATCH * 3)).toBe(true)
    expect(lateIds.length).toBeGreaterThan(1)
    expect(await db.session.count({ where: { id: { in: lateIds }, endedAt: { not: null } } })).toBe(0)
  })

  test('a session touched after it was read is still ended (the walk meets it again)', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const browserName = uniqueWord('Touch')
    const now = new Date()
    await manySessions(user.id, browserName, BULK_BATCH + 5, now)
    const last = await db.session.findFirstOrThrow({ where: { browserName }, orderBy: { lastActiveAt: 'desc' } })
    let touched = false
    const result = await revokeByRule(actorFor(admin), { browser: browserName }, new Date(), {
      onProgress: () => {
        if (touched) return
        touched = true
        // A request of that session after the job read it and before its batch ran.
        void db.session.update({ where: { id: last.id }, data: { lastActiveAt: new Date() } })
      },
    })
    expect(touched).toBe(true)
    expect(result.count).toBe(BULK_BATCH + 5)
    expect(await db.session.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({
      endReason: 'revoked-by-admin',
    })
  })
})
