import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { baseDatabase, root } from '../setup/paths.ts'

// SIGTERM under load, to `npm start`'s top process only (what a process manager that
// does not signal the whole group does): busy keep-alive clients keep sending through
// the signal; every request the server received is answered, none is reset, and the app
// exits by itself, having said it drained.

const port = 4430
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-stop-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function get(agent: http.Agent, target: string) {
  return new Promise<{ status: number; connection: string }>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: target, agent }, (response) => {
      response.resume()
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: String(response.headers.connection) }),
      )
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

describe('stopping under load', () => {
  test('SIGTERM to npm alone: every request answered, none reset, the app drains and exits', async () => {
    fs.copyFileSync(baseDatabase, path.join(dir, 'doorman.db'))
    const env: Record<string, string | undefined> = { ...process.env }
    delete env.NODE_ENV
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        DATABASE_URL: `file:${path.join(dir, 'doorman.db')}`,
        LOG_REQUESTS: 'false',
        SEED_DEMO_DATA: 'false',
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    npm.stdout!.on('data', (chunk) => (output += String(chunk)))
    npm.stderr!.on('data', (chunk) => (output += String(chunk)))
    for (let tries = 0; !output.includes(`http://localhost:${port}`); tries++) {
      if (npm.exitCode !== null || tries > 1500) throw new Error(`npm start did not get ready:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }

    let signalled = false
    const counts = { answered: 0, closeAfterSignal: 0, refusedNewConnection: 0, failed: [] as string[] }
    const client = async (index: number) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      for (;;) {
        try {
          const { status, connection } = await get(agent, index % 2 ? '/login' : '/healthz')
          if (status !== 200) counts.failed.push(`status ${status}`)
          counts.answered++
          if (signalled && connection === 'close') counts.closeAfterSignal++
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code
          // Once the server stops listening, a new connection is refused: the client is done.
          if (signalled && code === 'ECONNREFUSED') {
            counts.refusedNewConnection++
            break
          }
          counts.failed.push(`${code ?? String(error)}`)
          if (counts.failed.length > 50) break
        }
      }
      agent.destroy()
    }
    const clients = Array.from({ length: 20 }, (_, index) => client(index))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const before = counts.answered
    signalled = true
    process.kill(npm.pid!, 'SIGTERM')
    await Promise.all(clients)
    const npmExit = await new Promise((resolve) =>
      npm.exitCode !== null ? resolve(npm.exitCode) : npm.on('exit', resolve),
    )
    // The app may outlive npm by a moment: wait for its last word.
    for (let tries = 0; !output.includes('Stopped cleanly') && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    console.log(
      `graceful stop: ${before} answered before the signal, ${counts.answered - before} after (${counts.closeAfterSignal} with Connection: close), ` +
        `${counts.refusedNewConnection} clients refused a new connection, ${counts.failed.length} failed; npm exited ${String(npmExit)}`,
    )
    expect(counts.failed).toEqual([])
    expect(counts.closeAfterSignal).toBeGreaterThan(0)
    expect(output).toContain('finishing in-flight requests')
    expect(output).toContain('Stopped cleanly')
    // Nothing listens any more.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
  }, 600_000)
})
