import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { root } from '../setup/paths.ts'

// `npm start` as a person runs it: first start migrates and seeds, a second start reuses
// the build and the data, and SIGTERM ends it gracefully (live streams closed, exit 0).

const port = 3610
const base = `http://localhost:${port}`
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-lifecycle-'))
const databaseFile = path.join(dir, 'doorman.db')
const running: ChildProcess[] = []

function start() {
  // As a person runs it: no NODE_ENV (Vitest sets it to "test").
  const env: Record<string, string | undefined> = { ...process.env }
  delete env.NODE_ENV
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    cwd: root,
    // Remix's global types make NODE_ENV required; leaving it out is the point here.
    env: {
      ...env,
      PORT: String(port),
      DATABASE_URL: `file:${databaseFile}`,
      LOG_REQUESTS: 'false',
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = (async () => {
    for (let tries = 0; tries < 600; tries++) {
      if (output.includes(`http://localhost:${port}`)) return
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`npm start did not get ready:\n${output}`)
  })()
  return { child, ready, exited, output: () => output }
}

const userCount = () => {
  const db = new Database(databaseFile, { readonly: true })
  const { n } = db.prepare('SELECT count(*) AS n FROM User').get() as { n: number }
  db.close()
  return n
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL')
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('npm start', () => {
  test('migrates, seeds, serves, and stops gracefully on SIGTERM', async () => {
    const server = start()
    await server.ready
    expect(server.output()).toContain('admin@example.com')
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    const seededUsers = userCount()
    expect(seededUsers).toBeGreaterThan(2)

    const signup = await fetch(`${base}/signup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: base },
      body: new URLSearchParams({ email: 'lifecycle@example.com', password: 'lifecycle password' }),
    })
    const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!
    const stream = await fetch(`${base}/session/events`, { headers: { Cookie: cookie } })
    const reader = stream.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: hello')

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('finishing in-flight requests')
    // The live stream was ended by the server, not left hanging.
    let done = false
    while (!done) done = (await reader.read().catch(() => ({ done: true }))).done
    expect(done).toBe(true)

    const again = start()
    await again.ready
    expect(again.output()).not.toContain('Build done')
    expect(userCount()).toBe(seededUsers + 1)
    again.child.kill('SIGTERM')
    expect(await again.exited).toBe(0)
  }, 240_000)
})
