import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prismaCli, root, tmpDir } from '../setup/paths.ts'
import { prefix, urlOf, withAdmin } from '../setup/postgres.ts'
import { Browser, freePorts, startInstance, startNginx, type Instance } from './support/instances.ts'

// Three built instances on different ports share one PostgreSQL database, behind nginx
// run with deploy/nginx.conf (the README's configuration). What one instance does, the
// others see at once: revocations, live `ended` events, touch throttling, invariants.

const database = `${prefix}multi_${randomBytes(4).toString('hex')}`
let nginxPort: number
let publicOrigin: string
const admin = { email: 'admin@example.com', password: 'doorman-admin' } // the demo seed
const password = 'correct horse battery staple'

let instances: Instance[] = []
let lb: Awaited<ReturnType<typeof startNginx>>
let sql: pg.Client
let A: string, B: string, C: string

beforeAll(async () => {
  await withAdmin((client) => client.query(`CREATE DATABASE "${database}"`))
  const url = urlOf(database)
  execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  })
  sql = new pg.Client({ connectionString: url })
  await sql.connect()
  // Count touch writes at the database itself, not by trusting the code under test.
  await sql.query(`CREATE TABLE touch_log ("sessionId" text NOT NULL);
    CREATE FUNCTION log_touch() RETURNS trigger AS $$
      BEGIN INSERT INTO touch_log VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER count_touches AFTER UPDATE OF "lastActiveAt" ON "Session"
      FOR EACH ROW WHEN (OLD."lastActiveAt" IS DISTINCT FROM NEW."lastActiveAt") EXECUTE FUNCTION log_touch();`)
  const ports = await freePorts(4)
  nginxPort = ports.pop()!
  publicOrigin = `http://127.0.0.1:${nginxPort}`
  const env = {
    DATABASE_URL: url,
    PUBLIC_ORIGIN: publicOrigin,
    TRUST_PROXY: '127.0.0.1',
    SESSION_TOUCH_INTERVAL: '2s',
  }
  // The first start builds (if stale) and seeds; the others start beside it.
  instances = [await startInstance(ports[0]!, env)]
  instances.push(...(await Promise.all(ports.slice(1).map((port) => startInstance(port, env)))))
  ;[A, B, C] = instances.map((instance) => instance.url) as [string, string, string]
  lb = await startNginx(nginxPort, ports, path.join(tmpDir, `nginx-${database}`))
}, 600_000)

afterAll(async () => {
  await lb?.stop()
  await Promise.all(instances.map((instance) => instance.stop()))
  await sql?.end()
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
})

async function newUser(base = A) {
  const email = `multi-${Math.random().toString(36).slice(2)}@example.com`
  const browser = new Browser(publicOrigin)
  const response = await browser.post(base, '/signup', { email, password, name: 'Multi' })
  expect(response.status).toBe(302)
  return { email, browser }
}

const sessionIdOf = async (email: string, nth = 0) =>
  (
    await sql.query<{ id: string }>(
      `SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 ORDER BY s."createdAt" LIMIT 1 OFFSET $2`,
      [email, nth],
    )
  ).rows[0]!.id

describe('several instances, one PostgreSQL database', { timeout: 120_000 }, () => {
  test('the README shows deploy/nginx.conf, the file this test runs, unchanged', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
    const shown = readme.match(/```nginx\n([\s\S]*?)```/)?.[1]
    expect(shown).toBe(fs.readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8'))
  })

  test('signed in on A, revoked on B: A refuses the very next request', async () => {
    const { email, browser: first } = await newUser(A)
    expect((await first.get(A, '/devices')).status).toBe(200)
    const second = new Browser(publicOrigin)
    await second.signIn(B, email, password)
    const revoked = await second.post(B, '/devices', { intent: 'revoke', sessionId: await sessionIdOf(email, 0) })
    expect(revoked.status).toBe(200)
    const next = await first.get(A, '/devices')
    expect(next.status).toBe(302)
    expect(next.headers.get('location')).toMatch(/^\/login/)
  })

  test('a tab whose stream is on A is told of a revocation made on B within 1 s', async () => {
    const { email, browser: tab } = await newUser(A)
    const stream = await tab.openStream(A)
    const other = new Browser(publicOrigin)
    await other.signIn(C, email, password)
    const started = Date.now()
    const revoked = await other.post(B, '/devices', { intent: 'revoke', sessionId: await sessionIdOf(email, 0) })
    expect(revoked.status).toBe(200)
    const { at, text } = await stream.ended
    expect(text).toContain('"reason":"revoked-by-user"')
    expect(at - started).toBeLessThan(1_000)
  })

  test('killing the listening connection does not lose a revocation (re-check after reconnecting)', async () => {
    const { email, browser: tab } = await newUser(A)
    const stream = await tab.openStream(A)
    const other = new Browser(publicOrigin)
    await other.signIn(B, email, password)
    const { rowCount } = await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'doorman live listener' AND datname = current_database()`,
    )
    expect(rowCount).toBeGreaterThanOrEqual(1)
    // At once, while the listeners are reconnecting: a NOTIFY now may reach no one.
    const revoked = await other.post(B, '/devices', { intent: 'revoke', sessionId: await sessionIdOf(email, 0) })
    expect(revoked.status).toBe(200)
    const { text } = await stream.ended // the floor is 30 s; the test times out well before
    expect(text).toContain('revoked-by-user')
    expect((await tab.get(A, '/devices')).status).toBe(302)
  })

  test('with load spread over the instances, one session gets at most one touch write per interval', async () => {
    const { email, browser } = await newUser(A)
    const id = await sessionIdOf(email)
    await new Promise((resolve) => setTimeout(resolve, 2_200)) // past the 2 s touch interval
    const started = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) => browser.get([A, B, C][index % 3]!, '/devices')),
    )
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200))
    const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM touch_log WHERE "sessionId" = $1', [id])
    // A slow machine may take several intervals to answer them all: at most one write each.
    const intervals = Math.floor((Date.now() - started) / 2_000) + 1
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(1)
    expect(Number(rows[0]!.n)).toBeLessThanOrEqual(intervals)
  })

  test('through nginx: sign-in, pages and the live stream work; a foreign or wrong-scheme origin is refused', async () => {
    const { email, browser } = await newUser(lb.url)
    expect((await browser.get(lb.url, '/devices')).status).toBe(200)
    const stream = await browser.openStream(lb.url)
    const other = new Browser(publicOrigin)
    await other.signIn(lb.url, email, password)
    const started = Date.now()
    await other.post(lb.url, '/devices', { intent: 'revoke', sessionId: await sessionIdOf(email, 0) })
    const { at } = await stream.ended // unbuffered through the proxy
    expect(at - started).toBeLessThan(1_000)

    const visitor = new Browser(publicOrigin)
    for (const origin of [`https://127.0.0.1:${nginxPort}`, 'http://evil.example', A]) {
      const refused = await visitor.request(lb.url, 'POST', '/login', { email, password }, origin)
      expect(refused.status, origin).toBe(403)
    }
  })

  test('two admins on different instances, demoting each other at once, leave one admin', async () => {
    const first = new Browser(publicOrigin)
    await first.signIn(A, admin.email, admin.password)
    const { email: secondEmail, browser: second } = await newUser(B)
    const secondId = (await sql.query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [secondEmail])).rows[0]!
      .id
    const adminId = (await sql.query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [admin.email])).rows[0]!
      .id
    const promoted = await first.post(A, `/admin/users/${secondId}`, { intent: 'set-role', role: 'admin' })
    expect(promoted.status).toBe(200)
    await second.signIn(B, secondEmail, password) // a new role takes effect on a fresh sign-in
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        first.post(A, `/admin/users/${secondId}`, { intent: 'set-role', role: 'user' }),
        second.post(B, `/admin/users/${adminId}`, { intent: 'set-role', role: 'user' }),
      ])
      const { rows } = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL`,
      )
      expect(Number(rows[0]!.n), `round ${round}: ${results.map((r) => r.status)}`).toBeGreaterThanOrEqual(1)
      // Back to two admins for the next round (whoever is still admin promotes the other).
      await sql.query(`UPDATE "User" SET role = 'admin' WHERE id = ANY($1)`, [[adminId, secondId]])
      await first.signIn(A, admin.email, admin.password)
      await second.signIn(B, secondEmail, password)
    }
  })
})
