// The whole server under load: what a session costs per request (a ratio to the same
// page without one, measured in one run) and how often activity is written.
import { spawn, spawnSync } from 'node:child_process'
import Database from 'better-sqlite3'
import autocannon from 'autocannon'
import { freshDatabase, root } from './setup.ts'

const port = 3400
const base = `http://localhost:${port}`
const touchIntervalSeconds = 5
const seconds = Number(process.env.BENCH_SECONDS ?? 10)

const { url } = freshDatabase('http')
const file = url.slice('file:'.length)
const sqlite = new Database(file)
sqlite.exec(`CREATE TABLE touch_log (sessionId TEXT NOT NULL, at REAL NOT NULL);
  CREATE TRIGGER count_touches AFTER UPDATE OF lastActiveAt ON Session
  BEGIN INSERT INTO touch_log VALUES (NEW.id, unixepoch('subsec') * 1000); END;`)

// On 2 cores: the server on core 0, the load generator (this process) on core 1.
const pin = spawnSync('taskset', ['--version']).status === 0
if (pin) spawnSync('taskset', ['-cp', '1', String(process.pid)])
const command = [process.execPath, 'node_modules/tsx/dist/cli.mjs', 'scripts/start.ts']
const server = spawn(pin ? 'taskset' : command[0]!, pin ? ['-c', '0', ...command] : command.slice(1), {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: url,
    LOG_REQUESTS: 'false',
    SESSION_TOUCH_INTERVAL: `${touchIntervalSeconds}s`,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
try {
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (tries > 240) throw new Error('the server did not start')
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const signup = await fetch(`${base}/signup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: base, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' },
    body: new URLSearchParams({
      email: `bench-${Date.now()}@example.com`,
      password: 'bench: a long and unusual passphrase 1',
    }),
  })
  const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!
  const headers = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' }
  const load = (path: string, extra: Record<string, string> = {}) =>
    autocannon({ url: base + path, connections: 8, duration: seconds, headers: { ...headers, ...extra } })

  await load('/') // warm up
  const anonymous = await load('/')
  const before = (sqlite.prepare('SELECT count(*) AS n FROM touch_log').get() as { n: number }).n
  const signedIn = await load('/', { Cookie: cookie })
  const writes = (sqlite.prepare('SELECT count(*) AS n FROM touch_log').get() as { n: number }).n - before
  const devices = await load('/devices', { Cookie: cookie })
  // The throttle's promise: consecutive writes of one session are at least an interval apart.
  const times = (sqlite.prepare('SELECT at FROM touch_log ORDER BY at').all() as Array<{ at: number }>).map(
    (row) => row.at,
  )
  const gaps = times.slice(1).map((at, index) => (at - times[index]!) / 1000)
  console.log(
    JSON.stringify({
      http: {
        pinnedToCores: pin,
        seconds,
        anonymousHome: {
          reqPerSec: anonymous.requests.average,
          latencyMs: anonymous.latency.average,
          non2xx: anonymous.non2xx,
        },
        signedInHome: {
          reqPerSec: signedIn.requests.average,
          latencyMs: signedIn.latency.average,
          non2xx: signedIn.non2xx,
        },
        signedInDevices: {
          reqPerSec: devices.requests.average,
          latencyMs: devices.latency.average,
          non2xx: devices.non2xx,
        },
        sessionOverheadLatencyRatio: signedIn.latency.average / anonymous.latency.average,
        sessionOverheadThroughputRatio: anonymous.requests.average / signedIn.requests.average,
        touch: {
          requests: signedIn.requests.total,
          writes,
          touchIntervalSeconds,
          shortestGapBetweenWritesSeconds: Math.min(...gaps),
        },
      },
    }),
  )
} finally {
  server.kill('SIGTERM')
  sqlite.close()
}
