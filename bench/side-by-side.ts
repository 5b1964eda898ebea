// Doorman's session check beside the alternatives, on the same pages, user and rows,
// interleaved in one run: Remix's cookie session (signed cookie + user-row read) and no
// session at all. Ratios per round, then their median and spread. Ports 4801–4802.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import Database from 'better-sqlite3'
import autocannon from 'autocannon'
import { cookieSessions } from './cookie-session.ts'
import { cpuSeconds, freshDatabase, root, spread } from './setup.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 3)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const connections = 8
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
const { url } = freshDatabase('side-by-side')

// On 2 cores: the servers on core 0, the load generator (this process) on core 1.
const pin = spawnSync('taskset', ['--version']).status === 0
if (pin) spawnSync('taskset', ['-cp', '1', String(process.pid)])
const tsx = [process.execPath, 'node_modules/tsx/dist/cli.mjs']
const pinned = (command: string[]) => (pin ? ['taskset', '-c', '0', ...command] : command)

const build = spawnSync('npx', ['remix', 'vite:build', '--config', 'bench/vite.config.ts'], {
  cwd: root,
  stdio: 'pipe',
})
if (build.status !== 0) throw new Error(`the benchmark build failed:\n${build.stderr}`)

function serve(script: string, port: number): ChildProcess {
  const [command, ...args] = pinned([...tsx, script])
  return spawn(command!, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, LOG_REQUESTS: 'false', SEED_DEMO_DATA: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function ready(port: number) {
  for (let tries = 0; tries < 600; tries++) {
    const ok = await fetch(`http://localhost:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`the server on port ${port} did not start`)
}

// The production server and build (it builds first if stale), and the benchmark's build.
const production = serve('scripts/start.ts', 4801)
await ready(4801)
const bench = serve('bench/server.ts', 4802)

try {
  await ready(4802)
  const base = 'http://localhost:4801'
  const signup = await fetch(`${base}/signup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: base, 'User-Agent': userAgent },
    body: new URLSearchParams({
      email: `side-${Date.now()}@example.com`,
      password: 'bench: a long and unusual passphrase 1',
    }),
  })
  const signedUp = signup.headers.getSetCookie()[0]
  if (!signedUp) throw new Error(`the benchmark's sign-up failed: ${signup.status} ${await signup.text()}`)
  const doormanCookie = signedUp.split(';')[0]!
  const sqlite = new Database(url.slice('file:'.length), { readonly: true })
  const { id: userId } = sqlite.prepare('SELECT id FROM "User" LIMIT 1').get() as { id: string }
  sqlite.close()
  const session = await cookieSessions.getSession()
  session.set('userId', userId)
  const remixCookie = (await cookieSessions.commitSession(session)).split(';')[0]!
  // Every variant sends both cookies: requests differ only in the check the server runs.
  const headers = { 'User-Agent': userAgent, Cookie: `${doormanCookie}; ${remixCookie}` }

  const variants: Record<string, { port: number; guard: string; encoding?: string }> = {
    doorman: { port: 4802, guard: 'doorman' },
    cookie: { port: 4802, guard: 'cookie' },
    none: { port: 4802, guard: 'none' },
    // The same check in the production build: shows the benchmark build costs nothing extra.
    production: { port: 4801, guard: 'doorman' },
    // The production build as a browser asks for it, compressed: what compression costs.
    compressed: { port: 4801, guard: 'doorman', encoding: 'br, gzip' },
  }
  const routes = { rootData: '/_root.data?_routes=root', home: '/', devices: '/devices' } as const
  type Variant = string
  type Route = keyof typeof routes
  const load = (variant: Variant, route: Route, duration: number) =>
    autocannon({
      url: `http://localhost:${variants[variant]!.port}${routes[route]}`,
      connections,
      duration,
      headers: {
        ...headers,
        'X-Bench-Guard': variants[variant]!.guard,
        ...(variants[variant]!.encoding ? { 'Accept-Encoding': variants[variant]!.encoding } : {}),
      },
    })

  for (const route of Object.keys(routes) as Route[]) {
    for (const variant of Object.keys(variants) as Variant[]) {
      const warm = await load(variant, route, 2)
      if (warm.non2xx > 0)
        throw new Error(`${variant} ${route}: ${warm.non2xx} not 2xx: ${JSON.stringify(warm.statusCodeStats)}`)
    }
  }
  const samples: Record<string, number[]> = {}
  for (let round = 0; round < rounds; round++) {
    for (const route of Object.keys(routes) as Route[]) {
      // Rotate the order each round, so that no variant always runs first or last.
      const order = Object.keys(variants) as Variant[]
      const rotated = [...order.slice(round % order.length), ...order.slice(0, round % order.length)]
      const reqPerSec: Partial<Record<Variant, number>> = {}
      const cpuPerRequest: Partial<Record<Variant, number>> = {}
      for (const variant of rotated) {
        const server = variants[variant]!.port === 4801 ? production : bench
        const cpuBefore = cpuSeconds(server.pid!)
        const result = await load(variant, route, seconds)
        cpuPerRequest[variant] = ((cpuSeconds(server.pid!) - cpuBefore) * 1e6) / result.requests.total
        ;(samples[`${route}.${variant}CpuMicrosPerRequest`] ??= []).push(cpuPerRequest[variant]!)
        if (result.non2xx > 0)
          throw new Error(`${variant} ${route}: ${result.non2xx} not 2xx: ${JSON.stringify(result.statusCodeStats)}`)
        reqPerSec[variant] = result.requests.average
        ;(samples[`${route}.${variant}ReqPerSec`] ??= []).push(result.requests.average)
      }
      // Requests per CPU second, Doorman ÷ anchor: ≥ 1 means Doorman serves more with the same CPU.
      ;(samples[`${route}.cpuEfficiencyDoormanToCookie`] ??= []).push(cpuPerRequest.cookie! / cpuPerRequest.doorman!)
      ;(samples[`${route}.cpuEfficiencyDoormanToNone`] ??= []).push(cpuPerRequest.none! / cpuPerRequest.doorman!)
      ;(samples[`${route}.doormanToCookie`] ??= []).push(reqPerSec.doorman! / reqPerSec.cookie!)
      ;(samples[`${route}.doormanToNone`] ??= []).push(reqPerSec.doorman! / reqPerSec.none!)
      ;(samples[`${route}.productionToBenchBuild`] ??= []).push(reqPerSec.production! / reqPerSec.doorman!)
      ;(samples[`${route}.compressedToUncompressed`] ??= []).push(reqPerSec.compressed! / reqPerSec.production!)
    }
  }
  const summary = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, spread(values)]))
  for (const [name, { median: mid, min, max }] of Object.entries(summary)) {
    const digits = /ReqPerSec|PerRequest/.test(name) ? 0 : 2
    console.error(
      `${name.padEnd(34)} ${mid.toFixed(digits).padStart(7)}  (${min.toFixed(digits)}–${max.toFixed(digits)})`,
    )
  }
  console.log(JSON.stringify({ sideBySide: { pinnedToCores: pin, seconds, rounds, connections, ...summary } }))
} finally {
  bench.kill('SIGTERM')
  production.kill('SIGTERM')
}
