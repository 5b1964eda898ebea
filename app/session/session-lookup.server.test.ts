import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { findSessionByTokenHash, openSessionReader, storedDate } from '~/session/session-lookup.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { generateSessionToken, hashSessionToken } from '~/session/token.server.ts'
import { chromeOnWindows, firefoxOnLinux, makeUser } from '../../tests/setup/factories.ts'

const day = 86_400_000
const later = (from: Date, ms: number) => new Date(from.getTime() + ms)

async function signedIn(options: { persistent?: boolean; now?: Date } = {}) {
  const user = await makeUser()
  const created = await createSession({
    userId: user.id,
    persistent: options.persistent ?? true,
    client: chromeOnWindows,
    now: options.now,
  })
  return { user, ...created }
}

describe('the prepared session lookup', () => {
  test('reads exactly what Prisma reads: every column, Dates as Dates, booleans as booleans', async () => {
    const { token, session } = await signedIn({ persistent: true })
    await db.session.update({ where: { id: session.id }, data: { label: 'Work laptop', reauthenticatedAt: null } })
    const found = await findSessionByTokenHash(hashSessionToken(token))
    const { user, ...viaPrisma } = await db.session.findUniqueOrThrow({
      where: { id: session.id },
      include: { user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
    })
    expect(found).toEqual({ session: viaPrisma, user })
    expect(Object.keys(found!.session).sort()).toEqual(Object.keys(viaPrisma).sort())
    expect(found!.session.createdAt).toBeInstanceOf(Date)
    expect(found!.session.createdAt.getTime()).toBe(session.createdAt.getTime())
    expect(found!.session.persistent).toBe(true)
    expect(found!.session.reauthenticatedAt).toBeNull()
    expect(found!.user.disabledAt).toBeNull()
  })

  test('an unknown hash finds nothing', async () => {
    expect(await findSessionByTokenHash(hashSessionToken(generateSessionToken()))).toBeNull()
  })

  test('a revocation committed by the writer is visible on the very next lookup, not before commit', async () => {
    const { token, session } = await signedIn()
    const hash = hashSessionToken(token)
    expect((await findSessionByTokenHash(hash))!.session.endedAt).toBeNull()
    await db.$transaction(async (tx) => {
      await endSessions(tx, { id: session.id }, { reason: 'revoked-by-admin' })
      // Still inside the writer's transaction: the read connection sees the last commit.
      expect((await findSessionByTokenHash(hash))!.session.endedAt).toBeNull()
    })
    const after = (await findSessionByTokenHash(hash))!.session
    expect(after.endedAt).toBeInstanceOf(Date)
    expect(after.endReason).toBe('revoked-by-admin')
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'revoked-by-admin' })
  })

  test('a database that cannot be opened answers 503, and works once it can', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-lookup-'))
    const file = path.join(dir, 'later.db')
    const reader = openSessionReader(`file:${file}`)
    const error = (() => {
      try {
        reader.find('x')
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(Response)
    expect((error as Response).status).toBe(503)
    // The file appears (restored, migrated): the same reader recovers on the next call.
    fs.copyFileSync(process.env.DATABASE_URL!.replace(/^file:/, ''), file)
    expect(reader.find(hashSessionToken(generateSessionToken()))).toBeNull()
    reader.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('validation through the prepared statement', () => {
  test('ended, expired, disabled and unknown sessions are refused with their reason', async () => {
    const ended = await signedIn()
    await db.$transaction((tx) => endSessions(tx, { id: ended.session.id }, { reason: 'signed-out' }))
    expect(await validateSessionToken(ended.token, chromeOnWindows)).toEqual({ ok: false, reason: 'signed-out' })

    const start = new Date()
    const idle = await signedIn({ now: start })
    expect(await validateSessionToken(idle.token, chromeOnWindows, later(start, 8 * day))).toEqual({
      ok: false,
      reason: 'idle-expiry',
    })
    const short = await signedIn({ persistent: false, now: start })
    expect(await validateSessionToken(short.token, chromeOnWindows, later(start, 12 * 3_600_000))).toEqual({
      ok: false,
      reason: 'absolute-expiry',
    })

    const disabled = await signedIn()
    await db.user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } })
    expect(await validateSessionToken(disabled.token, chromeOnWindows)).toEqual({ ok: false, reason: 'user-disabled' })

    expect(await validateSessionToken(generateSessionToken(), chromeOnWindows)).toEqual({
      ok: false,
      reason: 'unknown',
    })
  })

  test('expiry compares real Dates: one millisecond before the idle expiry is still in', async () => {
    const start = new Date()
    const { token, session } = await signedIn({ now: start })
    expect((await validateSessionToken(token, chromeOnWindows, later(session.idleExpiresAt, -1))).ok).toBe(true)
  })

  test('the same user agent is not theft; another browser is, and the session ends', async () => {
    const { token, session } = await signedIn()
    const ok = await validateSessionToken(token, chromeOnWindows)
    expect(ok.ok && ok.user.email).toMatch(/@example.com$/)
    // A new version of the same browser on the same OS: parsed, same families, still in.
    const updated = { ...chromeOnWindows, userAgent: chromeOnWindows.userAgent!.replace('131.0.0.0', '132.0.0.0') }
    expect((await validateSessionToken(token, updated)).ok).toBe(true)
    expect(await validateSessionToken(token, firefoxOnLinux)).toEqual({ ok: false, reason: 'suspected-theft' })
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).endReason).toBe('suspected-theft')
  })
})

describe('stored dates', () => {
  test("Prisma's ISO text, SQLite's zone-less UTC text, epoch milliseconds and PostgreSQL's JSON text", () => {
    const at = Date.UTC(2026, 11, 1, 15, 40, 3, 123)
    expect(storedDate('2026-12-01T15:40:03.123+00:00')!.getTime()).toBe(at)
    expect(storedDate('2026-12-01T15:40:03.123Z')!.getTime()).toBe(at)
    expect(storedDate('2026-12-01 15:40:03')!.getTime()).toBe(at - 123)
    expect(storedDate('2026-12-01T15:40:03.123')!.getTime()).toBe(at)
    expect(storedDate(at)!.getTime()).toBe(at)
    expect(storedDate(null)).toBeNull()
  })
})
