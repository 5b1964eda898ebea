import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureBuild } from '../../scripts/build-stamp.ts'
import { baseDatabase } from '../setup/paths.ts'
import {
  describeFigures,
  isRunning,
  launch,
  loadThroughStop,
  type Launched,
  type StopFigures,
} from './support/load-through-stop.ts'

// SIGTERM under load, however the app was started: 40 busy keep-alive clients go on
// sending through the signal. Every request the server received is answered whole, later
// ones on open connections are told `Connection: close`, and the app exits 0 before its
// 10-second drain timeout would cut anything off. Everything here is bounded: requests
// time out, the stop has a deadline, and whatever is left is SIGKILLed afterwards.

const DRAIN_TIMEOUT_MS = 10_000
const launched: Launched[] = []
const dirs: string[] = []

beforeAll(() => {
  // The build, once, before the tests' own clocks start (minutes on a busy machine when stale).
  if (!ensureBuild()) throw new Error('the build failed')
}, 600_000)

afterAll(() => {
  for (const app of launched) app.kill()
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

async function start(how: 'node' | 'npm', port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-stop-'))
  dirs.push(dir)
  fs.copyFileSync(baseDatabase, path.join(dir, 'doorman.db'))
  const app = await launch(
    how,
    port,
    {
      DATABASE_URL: `file:${path.join(dir, 'doorman.db')}`,
      SEED_DEMO_DATA: 'false',
    },
    25_000,
  )
  launched.push(app)
  return app
}

async function expectDrained(label: string, app: Launched, figures: StopFigures, port: number) {
  console.log(describeFigures(label, figures))
  expect(figures.connectedAtSignal).toBe(40)
  expect(figures.answeredBefore).toBeGreaterThan(40) // the load was real
  expect(figures.failures).toEqual([])
  expect(figures.exitCode).toBe(0)
  expect(figures.drainMs).toBeLessThan(DRAIN_TIMEOUT_MS)
  expect(figures.answeredDuringStop).toBeGreaterThan(0)
  expect(figures.closeDuringStop).toBeGreaterThan(0)
  expect(app.output()).toContain('finishing in-flight requests')
  expect(app.output()).toContain('Stopped cleanly')
  expect(isRunning(app.appPid)).toBe(false)
  await expect(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow()
}

describe('SIGTERM under load', () => {
  test('to the app (node --import tsx scripts/start.ts)', async () => {
    const port = 4900
    const app = await start('node', port)
    const figures = await loadThroughStop({
      port,
      signal: () => process.kill(app.pid, 'SIGTERM'),
      exited: app.exited,
      connectWithinMs: 15_000,
    })
    await expectDrained('node, SIGTERM to the app', app, figures, port)
  }, 60_000)

  test('to npm alone (npm start, as a process manager that signals its child only)', async () => {
    const port = 4901
    const app = await start('npm', port)
    expect(app.appPid).not.toBe(app.pid)
    const figures = await loadThroughStop({
      port,
      signal: () => process.kill(app.pid, 'SIGTERM'),
      exited: app.exited,
      connectWithinMs: 15_000,
    })
    await expectDrained('npm start, SIGTERM to npm alone', app, figures, port)
  }, 60_000)

  test('to the whole process group of npm start (systemd by default, Playwright webServer)', async () => {
    const port = 4902
    const app = await start('npm', port)
    const figures = await loadThroughStop({
      port,
      signal: () => process.kill(-app.pid, 'SIGTERM'),
      exited: app.exited,
      connectWithinMs: 15_000,
    })
    await expectDrained('npm start, SIGTERM to the group', app, figures, port)
  }, 60_000)
})
