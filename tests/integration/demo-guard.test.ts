import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
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
