import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { baseDatabase, root } from '../setup/paths.ts'
import { sessionCookie, startBuiltServer, type Running } from './support/server-process.ts'

// Database faults injected into real SQLite files under the built server: each gets a
// 503 with a plain message (never a 500), reads go on where they can, and no write is
// acknowledged into a file that is no longer the database. Runs as root (chattr +i makes
// a file immutable even for root, where chmod would not).

const running: Running[] = []
const dirs: string[] = []
const immutable = (target: string, on: boolean) => execFileSync('chattr', [on ? '+i' : '-i', target])

function migratedCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-faults-'))
  dirs.push(dir)
  fs.copyFileSync(baseDatabase, path.join(dir, 'doorman.db'))
  return dir
}

// The first server is started as `npm start` does (building if the build is stale); the
// others start the built server alone, which is quicker.
let built = false
async function serve(port: number, dir: string, env: Record<string, string> = {}) {
  const server = await startBuiltServer(port, { dir, serveOnly: built, env: { SEED_DEMO_DATA: 'false', ...env } })
  built = true
  running.push(server)
  return server
}

let n = 0
function signUp(server: Running) {
  return fetch(`${server.base}/signup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.base },
    body: new URLSearchParams({ email: `fault-${n++}@example.com`, password: 'a long enough password', name: 'F' }),
  })
}

async function eventually(check: () => Promise<boolean>, ms = 15_000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()))
  for (const dir of dirs) {
    for (const file of fs.readdirSync(dir)) spawnSync('chattr', ['-i', path.join(dir, file)])
    spawnSync('chattr', ['-i', dir])
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

describe('database faults', () => {
  test('a write lock held by another process: a bounded wait, then 503 with Retry-After; reads go on', async () => {
    const server = await serve(4420, migratedCopy())
    expect((await signUp(server)).status).toBe(302)
    const other = new Database(path.join(server.dir, 'doorman.db'))
    other.exec('BEGIN IMMEDIATE')
    try {
      const started = Date.now()
      const [refused, page] = await Promise.all([signUp(server), fetch(`${server.base}/login`)])
      const waited = Date.now() - started
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('5')
      expect(await refused.text()).toMatch(/busy with other work/)
      expect(waited).toBeLessThan(10_000)
      expect(page.status).toBe(200)
    } finally {
      other.exec('COMMIT')
      other.close()
    }
    expect((await signUp(server)).status).toBe(302)
  }, 300_000)

  test('the file deleted, or replaced, while running: /healthz says so and writes are refused, not lost', async () => {
    for (const [port, how] of [
      [4423, 'deleted'],
      [4424, 'replaced'],
    ] as const) {
      const server = await serve(port, migratedCopy())
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200)
      const file = path.join(server.dir, 'doorman.db')
      if (how === 'deleted') fs.rmSync(file)
      else {
        fs.copyFileSync(baseDatabase, `${file}.new`)
        fs.renameSync(`${file}.new`, file)
      }
      // Writes right away (before the timer notices) are refused too: the check runs before each write.
      const writes = await Promise.all(Array.from({ length: 5 }, () => signUp(server)))
      expect(writes.map((response) => response.status)).toEqual([503, 503, 503, 503, 503])
      expect(await writes[0]!.text()).toMatch(/removed or replaced/)
      const health = await fetch(`${server.base}/healthz`)
      expect(health.status).toBe(503)
      expect(await health.json()).toMatchObject({ status: 'unavailable', fault: 'replaced' })
      expect(server.output()).toContain(`was ${how === 'deleted' ? 'deleted' : 'replaced by another file'}`)
    }
  }, 180_000)

  test('a read-only database file: writes answer 503, reads go on, and writes recover by themselves', async () => {
    const dir = migratedCopy()
    const file = path.join(dir, 'doorman.db')
    // A session to read pages with, made while the file is still writable.
    const first = await serve(4421, dir)
    const cookie = sessionCookie(await signUp(first))!
    await first.stop()
    immutable(file, true)
    try {
      const server = await serve(4421, dir, { SESSION_TOUCH_INTERVAL: '1s' })
      await new Promise((resolve) => setTimeout(resolve, 1100))
      const [refused, devices, health] = await Promise.all([
        signUp(server),
        fetch(`${server.base}/devices`, { headers: { Cookie: cookie } }),
        fetch(`${server.base}/healthz`),
      ])
      expect(refused.status).toBe(503)
      expect(await refused.text()).toMatch(/read-only/)
      expect(devices.status).toBe(200)
      expect(health.status).toBe(200)
      immutable(file, false)
      expect(await eventually(async () => (await signUp(server)).status === 302)).toBe(true)
      expect(server.output()).not.toMatch(/\b500\b|at .*\.ts:\d+/)
    } finally {
      spawnSync('chattr', ['-i', file])
    }
  }, 180_000)

  test('a database that was never migrated: the log and /healthz say so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-faults-'))
    dirs.push(dir)
    new Database(path.join(dir, 'doorman.db')).close()
    const server = await serve(4422, dir)
    const health = await fetch(`${server.base}/healthz`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({
      fault: 'unmigrated',
      reason: expect.stringMatching(/not been migrated/),
    })
    const refused = await signUp(server)
    expect(refused.status).toBe(503)
    expect(await refused.text()).toMatch(/not been migrated/)
    expect(server.output()).toMatch(/database unmigrated: .*migrate deploy/)
  }, 120_000)

  test('an unwritable database directory stops the start with one line naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-faults-'))
    dirs.push(dir)
    immutable(dir, true)
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: `file:${dir}/doorman.db` }
    delete env.NODE_ENV
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: env as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      `Cannot start: the database directory ${dir} is not writable (EPERM). Fix its permissions or set DATABASE_URL to a writable place.`,
    )
  })
})
