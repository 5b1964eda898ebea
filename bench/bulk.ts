// While an admin signs out 100,000 sessions (a background job in short batches), a second
// client measures GET /healthz and an authenticated GET /devices, one request at a time.
// Goal (issue 8): p99 under 100 ms for both. Also the same loops before the job, as a ratio.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { summarize } from './setup.ts'
import { HttpClient, startServer, timed } from '../tests/integration/support/running-server.ts'
import { volumeAdmin, volumeDatabase } from '../tests/integration/support/volume.ts'

const port = Number(process.env.BENCH_BULK_PORT ?? 4330)
const base = `http://localhost:${port}`
const sessions = Number(process.env.BENCH_BULK_SESSIONS ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-bench-bulk-'))
const file = path.join(dir, 'bulk.db')
const log = (message: string) => process.stderr.write(`bulk: ${message}\n`)

log(`seeding ${sessions} active sessions`)
volumeDatabase(file, { users: 2_000, sessions })
// On 2 cores: the server on core 0, this client on core 1 (all of the server's threads on one
// core, its WAL checkpointer included). BENCH_BULK_PIN=false leaves both to the scheduler.
const pin = process.env.BENCH_BULK_PIN !== 'false' && spawnSync('taskset', ['--version']).status === 0
if (pin) spawnSync('taskset', ['-cp', '1', String(process.pid)])
const server = startServer(
  { PORT: String(port), DATABASE_URL: `file:${file}`, SEED_DEMO_DATA: 'false' },
  pin ? { core: 0 } : {},
)
try {
  await server.ready
  const admin = new HttpClient(base)
  await admin.signIn(volumeAdmin.email, volumeAdmin.password)

  /** Sequential requests to each path until `until()` says stop; latencies in ms. */
  async function sample(person: HttpClient, until: () => boolean) {
    const results = { healthz: [] as number[], devices: [] as number[] }
    await Promise.all([
      (async () => {
        while (!until()) results.healthz.push(await timed(() => fetch(`${base}/healthz`)))
      })(),
      (async () => {
        while (!until()) results.devices.push(await timed(() => person.get('/devices')))
      })(),
    ])
    return { healthz: summarize(results.healthz), devices: summarize(results.devices), n: results.healthz.length }
  }

  const baselinePerson = new HttpClient(base)
  const signUp = (client: HttpClient) =>
    client.post('/signup', {
      email: `bench-${Date.now()}-${Math.random()}@example.com`,
      password: 'bench: a long and unusual passphrase 1',
    })
  await signUp(baselinePerson)
  // A fresh server is slow at first (JIT, the page's modules loading): warm it up, so that
  // the figures without the job describe the server the job runs beside.
  const warmEnd = Date.now() + 5_000
  await sample(baselinePerson, () => Date.now() > warmEnd)
  const baselineEnd = Date.now() + 5_000
  const baseline = await sample(baselinePerson, () => Date.now() > baselineEnd)

  const started = Date.now()
  const job = await admin.post('/admin/sessions', {
    intent: 'revoke-everyone',
    confirm: 'SIGN OUT EVERYONE',
    password: volumeAdmin.password,
  })
  const location = job.headers.get('Location')
  if (job.status !== 303 || !location) throw new Error(`the job did not start in the background (${job.status})`)
  // Signed in after the job started: its snapshot leaves this session alone.
  const person = new HttpClient(base)
  await signUp(person)
  let done = false
  let message = ''
  const watcher = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      const page = await (await admin.get(location)).text()
      const match = /Signed out everyone: (\d+) sessions/.exec(page)
      if (match) {
        done = true
        message = match[0]
      }
    }
  })()
  const during = await sample(person, () => done)
  await watcher
  const round = (figures: ReturnType<typeof summarize>) =>
    Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, Math.round(value * 10) / 10]))
  console.log(
    JSON.stringify({
      bulkSignOut: {
        pinnedToCores: pin,
        result: message,
        jobSeconds: (Date.now() - started) / 1000,
        requestsDuringJob: during.n,
        duringJobMs: { healthz: round(during.healthz), devices: round(during.devices) },
        withoutJobMs: { healthz: round(baseline.healthz), devices: round(baseline.devices) },
        p99RatioDuringToWithout: {
          healthz: Math.round((during.healthz.p99 / baseline.healthz.p99) * 10) / 10,
          devices: Math.round((during.devices.p99 / baseline.devices.p99) * 10) / 10,
        },
      },
    }),
  )
} finally {
  server.child.kill('SIGTERM')
  await server.exited
  fs.rmSync(dir, { recursive: true, force: true })
}
