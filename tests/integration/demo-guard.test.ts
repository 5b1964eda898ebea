import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { hashPassword } from '../../app/models/password.server.ts'
import { exposedDemoAccounts } from '../../scripts/demo-guard.ts'
import { prismaCli, root } from '../setup/paths.ts'
import { ensureDatabase } from '../setup/postgres-database.ts'
import { startServer, type Started } from './support/running-server.ts'

// `npm start` on an address other machines can reach refuses demo accounts (public passwords).

const port = 4320
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-demo-guard-'))
const started: Started[] = []
afterAll(() => {
  for (const server of started) if (server.child.exitCode === null) server.child.kill('SIGKILL')
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('npm start with HOST=0.0.0.0', () => {
  test('refuses with the default SEED_DEMO_DATA, in one line that says how to create the first admin', async () => {
    const server = startServer({ HOST: '0.0.0.0', PORT: String(port), DATABASE_URL: `file:${dir}/a.db` })
    started.push(server)
    server.ready.catch(() => {}) // it is meant not to get ready
    expect(await server.exited).not.toBe(0)
    const lines = server.output().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('npm run user -- create --email you@example.com --admin')
    expect(fs.existsSync(`${dir}/a.db`)).toBe(false)
  }, 120_000)

  test('starts with SEED_DEMO_DATA=false and no demo account', async () => {
    const server = startServer({
      HOST: '0.0.0.0',
      PORT: String(port),
      DATABASE_URL: `file:${dir}/b.db`,
      SEED_DEMO_DATA: 'false',
    })
    started.push(server)
    await server.ready
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    expect(server.output()).not.toContain('admin@example.com')
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  }, 300_000)
})

describe('the demo-account check on PostgreSQL', () => {
  test('names an enabled demo account that still accepts its public password, and not one that does not', async () => {
    const url = await ensureDatabase('doorman_pglive_demo_guard', { fresh: true })
    execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'pipe',
    })
    const sql = new pg.Client({ connectionString: url })
    await sql.connect()
    try {
      expect(await exposedDemoAccounts(url)).toEqual([])
      const insert = `INSERT INTO "User" (id, email, name, "passwordHash", role, "createdAt", "updatedAt")
        VALUES ($1, $2, 'Demo', $3, 'user', now(), now())`
      await sql.query(insert, ['u1', 'demo@example.com', await hashPassword('doorman-demo')])
      await sql.query(insert, ['u2', 'admin@example.com', await hashPassword('a password only its owner knows')])
      expect(await exposedDemoAccounts(url)).toEqual(['demo@example.com'])
      await sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = 'u1'`)
      expect(await exposedDemoAccounts(url)).toEqual([])
    } finally {
      await sql.end()
    }
  }, 120_000)
})
