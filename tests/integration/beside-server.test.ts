import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { root } from '../setup/paths.ts'
import { HttpClient, startServer, type Started } from './support/running-server.ts'
import { volumeAdmin, volumeDatabase } from './support/volume.ts'

// A built server holds a SQLite file with 30,000 active sessions and answers a steady load
// while: an admin signs everyone out (a background job with a progress page), every CLI
// command runs against the same file, and a second `npm start` opens it on another port.

const port = 4310
const base = `http://localhost:${port}`
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-beside-'))
const file = path.join(dir, 'doorman.db')
const SESSIONS = 30_000
const servers: Started[] = []
let server: Started

function query<T>(sql: string, ...params: unknown[]) {
  const sqlite = new Database(file, { readonly: true })
  try {
    return sqlite.prepare(sql).all(...params) as T[]
  } finally {
    sqlite.close()
  }
}

/** Keeps `connections` requests in flight until stopped; counts answers by status. */
function steadyLoad(connections = 4) {
  let running = true
  const statuses: Record<number, number> = {}
  const loops = Array.from({ length: connections }, async (_, i) => {
    while (running) {
      const response = await fetch(`${base}${i % 2 ? '/healthz' : '/login'}`).catch(() => null)
      await response?.arrayBuffer()
      const status = response?.status ?? 0
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  })
  return {
    statuses,
    stop: async () => {
      running = false
      await Promise.all(loops)
      return statuses
    },
  }
}

function cli(script: 'user' | 'sessions:prune', args: string[] = [], stdin?: string) {
  const entry = script === 'user' ? 'scripts/cli/user.ts' : 'scripts/cli/prune.ts'
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', entry, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += String(chunk)))
    child.stderr.on('data', (chunk) => (output += String(chunk)))
    child.stdin.end(stdin ?? '')
    child.on('exit', (code) => resolve({ code, output }))
  })
}

beforeAll(async () => {
  volumeDatabase(file, { users: 300, sessions: SESSIONS })
  server = startServer({ PORT: String(port), DATABASE_URL: `file:${file}`, SEED_DEMO_DATA: 'false' })
  servers.push(server)
  await server.ready
}, 300_000)

afterAll(async () => {
  for (const started of servers) if (started.child.exitCode === null) started.child.kill('SIGKILL')
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('beside a running server under load', () => {
  test('signing out everyone runs as a job with a progress page, answers others meanwhile, and is exact', async () => {
    const admin = new HttpClient(base)
    await admin.signIn(volumeAdmin.email, volumeAdmin.password)
    const load = steadyLoad()
    const answeredBefore = () => Object.values(load.statuses).reduce((sum, n) => sum + n, 0)
    const started = await admin.post('/admin/sessions', {
      intent: 'revoke-everyone',
      confirm: 'SIGN OUT EVERYONE',
      password: volumeAdmin.password,
      expected: String(SESSIONS),
    })
    const text = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '')
    // A job that ends within the quick window answers the form itself; a longer one goes
    // to its progress page. Which one depends on the machine's speed: check what came.
    expect([200, 303]).toContain(started.status)
    let finalPage = await text(started)
    if (started.status === 303) {
      const location = started.headers.get('Location')!
      expect(location).toMatch(/^\/admin\/sessions\?job=[\w-]+$/)
      // Without JavaScript: the page shows the progress and refreshes itself.
      const page = await text(await admin.get(location))
      if (!page.includes('Signed out everyone:')) {
        expect(page).toContain('Signing out everyone…')
        expect(page).toMatch(/<meta http-equiv="refresh" content="2"/)
        expect(page).toMatch(/signed out of about 30,000 so far/)
      }
      finalPage = page
      for (let tries = 0; tries < 600 && !finalPage.includes('Signed out everyone:'); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 500))
        finalPage = await text(await admin.get(location))
      }
      expect(finalPage).not.toContain('http-equiv="refresh"')
    }
    const answeredWhileRunning = answeredBefore()
    const statuses = await load.stop()
    // Some seeded sessions have already expired: the job ends every one still active.
    const ended = Number(/Signed out everyone: ([\d,]+) sessions/.exec(finalPage)?.[1]?.replaceAll(',', ''))
    expect(ended).toBeGreaterThan(SESSIONS / 2)
    // Other requests were answered while the job ran, and none failed.
    expect(answeredWhileRunning).toBeGreaterThan(0)
    expect(Object.keys(statuses).sort()).toEqual(['200'])

    const active = query<{ n: number }>('SELECT count(*) AS n FROM Session WHERE endedAt IS NULL')
    expect(active).toEqual([{ n: 1 }]) // the admin's own, signed in after the seeding
    const events = query<{ details: string }>(`SELECT details FROM SecurityEvent WHERE type = 'admin-revoked-everyone'`)
    expect(events.map((event) => JSON.parse(event.details).count)).toEqual([ended])
  }, 300_000)

  test('every CLI command succeeds while the server serves the same file', async () => {
    const load = steadyLoad()
    const email = 'cli-beside@example.com'
    const runs = [
      await cli('user', ['create', '--email', email, '--admin', '--password-stdin'], 'a long cli password\n'),
      await cli('user', ['list']),
      await cli('user', ['demote', '--email', email]),
      await cli('user', ['promote', '--email', email]),
      await cli('user', ['disable', '--email', email]),
      await cli('user', ['enable', '--email', email]),
      await cli('user', ['revoke', '--email', 'user1@volume.test']),
      await cli('user', ['revoke-everyone']),
      await cli('sessions:prune'),
    ]
    const statuses = await load.stop()
    for (const run of runs) {
      expect(run.output).not.toMatch(/WASM|wasm|SocketTimeout|\n\s+at /)
      expect(run, run.output).toMatchObject({ code: 0 })
    }
    expect(runs[0]!.output).toContain(`Created admin ${email}`)
    expect(runs[1]!.output).toContain(`${email}\tadmin\tactive`)
    expect(Object.keys(statuses).sort()).toEqual(['200'])
    expect(query('SELECT 1 FROM User WHERE email = ? AND disabledAt IS NULL', email)).toHaveLength(1)
  }, 900_000)

  test('a second npm start on the same database starts on another port', async () => {
    const second = startServer({ PORT: String(port + 1), DATABASE_URL: `file:${file}`, SEED_DEMO_DATA: 'false' })
    servers.push(second)
    await second.ready
    expect(second.output()).not.toMatch(/WASM|SocketTimeout|Migrations failed/)
    expect((await fetch(`http://localhost:${port + 1}/healthz`)).status).toBe(200)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  }, 300_000)
})
