import { beforeAll, describe, expect, test } from 'vitest'
import { db, dialect } from '~/db.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { createSession, touchSession, validateSessionToken } from '~/session/session.server.ts'
import { generateSessionToken, hashSessionToken } from '~/session/token.server.ts'
import { chromeOnWindows, firefoxOnLinux, makeUser } from '../../tests/setup/factories.ts'

const minute = 60_000
const day = 24 * 60 * minute
const later = (from: Date, ms: number) => new Date(from.getTime() + ms)

// Count touch writes at the database itself, not by trusting the code under test.
const touchLog = {
  sqlite: [
    'CREATE TABLE IF NOT EXISTS touch_log (sessionId TEXT NOT NULL)',
    `CREATE TRIGGER IF NOT EXISTS count_touches AFTER UPDATE OF lastActiveAt ON Session
      BEGIN INSERT INTO touch_log (sessionId) VALUES (NEW.id); END`,
  ],
  postgresql: [
    'CREATE TABLE IF NOT EXISTS touch_log ("sessionId" TEXT NOT NULL)',
    `CREATE OR REPLACE FUNCTION log_touch() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN INSERT INTO touch_log ("sessionId") VALUES (NEW.id); RETURN NEW; END $$`,
    `CREATE OR REPLACE TRIGGER count_touches AFTER UPDATE OF "lastActiveAt" ON "Session"
      FOR EACH ROW EXECUTE FUNCTION log_touch()`,
  ],
}

beforeAll(async () => {
  for (const statement of touchLog[dialect]) await db.$executeRawUnsafe(statement)
})

const touchWrites = async (sessionId: string) =>
  Number(
    (await db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM touch_log WHERE "sessionId" = ${sessionId}`)[0]!
      .n,
  )

describe('signing in', () => {
  test('stores only the SHA-256 of the token, under a separate public id', async () => {
    const user = await makeUser()
    const { token, session } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(session.tokenHash).toBe(hashSessionToken(token))
    expect(session.id).not.toBe(token)
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } })
    expect(JSON.stringify(row)).not.toContain(token)
  })

  test('records the device, the IP and a sign-in event', async () => {
    const user = await makeUser()
    const { session } = await createSession({ userId: user.id, persistent: false, client: chromeOnWindows })
    expect(session).toMatchObject({
      browserName: 'Chrome',
      osName: 'Windows',
      osVersion: '11',
      deviceType: 'desktop',
      signInIp: '203.0.113.5',
    })
    const events = await db.securityEvent.findMany({ where: { targetUserId: user.id, type: 'sign-in' } })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ sessionId: session.id, device: 'Chrome 131 on Windows 11', ip: '203.0.113.5' })
  })

  test('every sign-in makes a new session (no fixation)', async () => {
    const user = await makeUser()
    const first = await createSession({ userId: user.id, persistent: false, client: chromeOnWindows })
    const second = await createSession({ userId: user.id, persistent: false, client: chromeOnWindows })
    expect(second.session.id).not.toBe(first.session.id)
    expect(second.token).not.toBe(first.token)
  })

  test('"keep me signed in" gets the long absolute lifetime, otherwise 12 hours', async () => {
    const user = await makeUser()
    const now = new Date()
    const long = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows, now })
    const short = await createSession({ userId: user.id, persistent: false, client: chromeOnWindows, now })
    expect(long.session.absoluteExpiresAt.getTime() - now.getTime()).toBe(30 * day)
    expect(short.session.absoluteExpiresAt.getTime() - now.getTime()).toBe(12 * 60 * minute)
    expect(short.session.idleExpiresAt.getTime()).toBe(short.session.absoluteExpiresAt.getTime())
  })
})

describe('validating a cookie', () => {
  test('a valid token returns the session and its user', async () => {
    const user = await makeUser()
    const { token, session } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const result = await validateSessionToken(token, chromeOnWindows)
    expect(result.ok && result.session.id).toBe(session.id)
    expect(result.ok && result.user.email).toBe(user.email)
  })

  test('garbage, tampered and unknown tokens are refused and create no row', async () => {
    const before = await db.session.count()
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    for (const bad of [null, '', 'x', '{}', tampered, generateSessionToken(), 'a'.repeat(10_000), 42]) {
      expect(await validateSessionToken(bad, chromeOnWindows)).toEqual({ ok: false, reason: 'unknown' })
    }
    expect(await db.session.count()).toBe(before + 1)
  })

  test('idle expiry, checked with an injected clock', async () => {
    const user = await makeUser()
    const start = new Date()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows, now: start })
    expect((await validateSessionToken(token, chromeOnWindows, later(start, 7 * day - minute))).ok).toBe(true)
    // That request slid the idle expiry forward by 7 days from its own time.
    expect((await validateSessionToken(token, chromeOnWindows, later(start, 14 * day - 2 * minute))).ok).toBe(true)
    expect(await validateSessionToken(token, chromeOnWindows, later(start, 21 * day))).toEqual({
      ok: false,
      reason: 'idle-expiry',
    })
    const row = await db.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(row.endReason).toBe('idle-expiry')
  })

  test('absolute expiry wins over activity', async () => {
    const user = await makeUser()
    const start = new Date()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows, now: start })
    for (let at = 6 * day; at < 30 * day; at += 6 * day) {
      expect((await validateSessionToken(token, chromeOnWindows, later(start, at))).ok).toBe(true)
    }
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(session.idleExpiresAt.getTime()).toBeLessThanOrEqual(session.absoluteExpiresAt.getTime())
    expect(await validateSessionToken(token, chromeOnWindows, later(start, 30 * day))).toEqual({
      ok: false,
      reason: 'absolute-expiry',
    })
  })

  test('a revoked session is refused on its very next request, with the reason', async () => {
    const user = await makeUser()
    const { token, session } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect((await validateSessionToken(token, chromeOnWindows)).ok).toBe(true)
    await db.$transaction((tx) => endSessions(tx, { id: session.id }, { reason: 'revoked-by-admin' }))
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'revoked-by-admin' })
  })

  test('a disabled user is refused and the session ends', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } })
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'user-disabled' })
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'user-disabled' })
  })
})

describe('activity', () => {
  test('500 requests in a burst make exactly one touch write', async () => {
    const user = await makeUser()
    const { token, session } = await createSession({
      userId: user.id,
      persistent: true,
      client: chromeOnWindows,
      now: new Date(Date.now() - 2 * minute),
    })
    const results = await Promise.all(
      Array.from({ length: 500 }, () => validateSessionToken(token, { ...chromeOnWindows, ip: '198.51.100.1' })),
    )
    expect(results.every((result) => result.ok)).toBe(true)
    expect(await touchWrites(session.id)).toBe(1)
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } })
    expect(row.lastIp).toBe('198.51.100.1')
    expect(Date.now() - row.lastActiveAt.getTime()).toBeLessThan(minute)
  })

  test('a touch never revives a session that a concurrent request signed out', async () => {
    const user = await makeUser()
    const { session } = await createSession({
      userId: user.id,
      persistent: true,
      client: chromeOnWindows,
      now: new Date(Date.now() - 2 * minute),
    })
    // The request read the row before the sign-out committed; its touch comes after.
    await db.$transaction((tx) => endSessions(tx, { id: session.id }, { reason: 'signed-out' }))
    await touchSession(session, '192.0.2.1')
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } })
    expect(row.endReason).toBe('signed-out')
    expect(row.lastIp).toBe(session.lastIp)
  })
})

describe('theft signal and session cap', () => {
  test('a cookie replayed from another browser ends the session as suspected theft', async () => {
    const user = await makeUser()
    const { token, session } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect(await validateSessionToken(token, firefoxOnLinux)).toEqual({ ok: false, reason: 'suspected-theft' })
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'suspected-theft' })
    const event = await db.securityEvent.findFirstOrThrow({ where: { type: 'suspected-theft', sessionId: session.id } })
    expect(JSON.parse(event.details!)).toEqual({ seenFrom: 'Firefox 133 on Linux' })
  })

  test('an IP change alone only updates the last IP', async () => {
    const user = await makeUser()
    const { token, session } = await createSession({
      userId: user.id,
      persistent: true,
      client: chromeOnWindows,
      now: new Date(Date.now() - 2 * minute),
    })
    expect((await validateSessionToken(token, { ...chromeOnWindows, ip: '192.0.2.99' })).ok).toBe(true)
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).lastIp).toBe('192.0.2.99')
  })

  test('client hints that differ between requests are not theft', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect((await validateSessionToken(token, { ...chromeOnWindows, hints: null })).ok).toBe(true)
  })

  test('a sign-in over the cap ends the least recently active session', async () => {
    const user = await makeUser()
    const start = Date.now() - 60 * minute
    const sessions = []
    for (let n = 0; n < 50; n++) {
      sessions.push(
        await createSession({
          userId: user.id,
          persistent: true,
          client: chromeOnWindows,
          now: new Date(start + n * minute),
        }),
      )
    }
    const newest = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const oldest = await db.session.findUniqueOrThrow({ where: { id: sessions[0]!.session.id } })
    expect(oldest.endReason).toBe('session-cap')
    expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(50)
    expect((await db.session.findUniqueOrThrow({ where: { id: newest.session.id } })).endedAt).toBeNull()
    expect(await db.securityEvent.count({ where: { targetUserId: user.id, type: 'session-cap-evicted' } })).toBe(1)
  })
})
