import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findSessionByTokenHashPostgres, type PgQuery } from '~/session/session-lookup.server.ts'

// The PostgreSQL form of the hot-path statement, against the machine's PostgreSQL, on
// temporary tables shaped like Prisma's PostgreSQL schema (they vanish with the connection,
// so no database is created or changed).
const url = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
const client = new pg.Client(url)
const query: PgQuery = (text, values) => client.query(text, values)

beforeAll(async () => {
  await client.connect()
  await client.query(`
    CREATE TEMP TABLE "User" ("id" TEXT PRIMARY KEY, "email" TEXT NOT NULL, "name" TEXT, "passwordHash" TEXT NOT NULL,
      "role" TEXT NOT NULL DEFAULT 'user', "disabledAt" TIMESTAMP(3));
    CREATE TEMP TABLE "Session" ("id" TEXT PRIMARY KEY, "tokenHash" TEXT NOT NULL UNIQUE, "userId" TEXT NOT NULL,
      "createdAt" TIMESTAMP(3) NOT NULL, "lastActiveAt" TIMESTAMP(3) NOT NULL, "idleExpiresAt" TIMESTAMP(3) NOT NULL,
      "absoluteExpiresAt" TIMESTAMP(3) NOT NULL, "persistent" BOOLEAN NOT NULL DEFAULT false,
      "reauthenticatedAt" TIMESTAMP(3), "method" TEXT NOT NULL DEFAULT 'password', "label" TEXT,
      "userAgent" TEXT NOT NULL, "browserName" TEXT, "browserVersion" TEXT, "osName" TEXT, "osVersion" TEXT,
      "deviceType" TEXT NOT NULL DEFAULT 'other', "deviceVendor" TEXT, "deviceModel" TEXT, "uaBrowserFamily" TEXT,
      "uaOsFamily" TEXT, "signInIp" TEXT NOT NULL, "lastIp" TEXT NOT NULL, "endedAt" TIMESTAMP(3), "endReason" TEXT,
      "endedById" TEXT, "endedByLabel" TEXT);
    INSERT INTO "User" VALUES ('u1', 'pg@example.com', 'Ada', 'x', 'admin', '2026-12-02 08:00:00.5');
    INSERT INTO "Session" ("id", "tokenHash", "userId", "createdAt", "lastActiveAt", "idleExpiresAt",
      "absoluteExpiresAt", "persistent", "userAgent", "browserName", "signInIp", "lastIp")
      VALUES ('s1', 'hash-1', 'u1', '2026-12-01 15:40:03.123', '2026-12-01 16:00:00', '2026-12-08 16:00:00',
      '2026-12-31 15:40:03.123', true, 'Mozilla/5.0', 'Firefox', '203.0.113.5', '198.51.100.9');`)
})
afterAll(() => client.end())

describe('the PostgreSQL session lookup', () => {
  test('one statement returns the session and its user, timestamps read as UTC', async () => {
    const found = await findSessionByTokenHashPostgres(query, 'hash-1')
    expect(found?.user).toEqual({
      id: 'u1',
      email: 'pg@example.com',
      name: 'Ada',
      role: 'admin',
      disabledAt: new Date(Date.UTC(2026, 11, 2, 8, 0, 0, 500)),
    })
    expect(found?.session).toMatchObject({
      id: 's1',
      userId: 'u1',
      createdAt: new Date(Date.UTC(2026, 11, 1, 15, 40, 3, 123)),
      absoluteExpiresAt: new Date(Date.UTC(2026, 11, 31, 15, 40, 3, 123)),
      persistent: true,
      reauthenticatedAt: null,
      endedAt: null,
      label: null,
      lastIp: '198.51.100.9',
    })
    expect(found?.session.lastActiveAt).toBeInstanceOf(Date)
  })

  test('an ended session reads its end; an unknown hash finds nothing', async () => {
    await client.query(`UPDATE "Session" SET "endedAt" = '2026-12-03 10:00:00', "endReason" = 'revoked-by-admin'`)
    const found = await findSessionByTokenHashPostgres(query, 'hash-1')
    expect(found?.session.endedAt).toEqual(new Date(Date.UTC(2026, 11, 3, 10)))
    expect(found?.session.endReason).toBe('revoked-by-admin')
    expect(await findSessionByTokenHashPostgres(query, 'nope')).toBeNull()
  })
})
