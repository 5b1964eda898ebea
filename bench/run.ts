// `npm run bench`: every performance figure the issues ask for, measured in one run.
// Absolute numbers vary on a shared machine; compare the ratios.
import { spawnSync } from 'node:child_process'
import { freshDatabase, freshPostgresDatabase, root } from './setup.ts'

function runChild(
  script: string,
  extraEnv: Record<string, string> = {},
  url = freshDatabase(script.replace(/\W/g, '-')).url,
) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_REQUESTS: 'false', ...extraEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`${script} failed`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
}

const only = process.argv.slice(2)
const wanted = (name: string) => only.length === 0 || only.includes(name)
const results: Record<string, unknown> = {}
if (wanted('validation')) {
  for (const sessions of [1000, 1_000_000]) {
    const { validation } = runChild('bench/validation.ts', { BENCH_SESSIONS: String(sessions) })
    results[`validation${sessions === 1000 ? '1k' : '1M'}`] = validation
  }
}
if (wanted('prune')) Object.assign(results, runChild('bench/prune.ts'))
// Scripts that start their own servers and databases.
for (const [name, script] of [
  ['http', 'bench/http.ts'],
  ['side-by-side', 'bench/side-by-side.ts'],
]) {
  if (!wanted(name!)) continue
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script!], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (run.status !== 0) throw new Error(`${script} failed`)
  Object.assign(results, JSON.parse(run.stdout.trim().split('\n').at(-1)!))
}
if (wanted('bulk')) {
  const bulk = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/bulk.ts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (bulk.status !== 0) throw new Error('bench/bulk.ts failed')
  Object.assign(results, JSON.parse(bulk.stdout.trim().split('\n').at(-1)!))
}
// PostgreSQL figures when a server is named: BENCH_POSTGRES_URL=postgresql://user@host:5432/bench_database
// (dropped and re-created). Starts two built instances and nginx (scripts/ci/nginx.sh installs it).
// BENCH_PG_SESSIONS: sessions stored (10^6); BENCH_IDLE_SECONDS: each idle-stream window (60);
// BENCH_SECONDS, BENCH_ROUNDS: the throughput rounds (5 s, 5).
const postgresUrl = process.env.BENCH_POSTGRES_URL
if (postgresUrl && wanted('postgres'))
  Object.assign(results, runChild('bench/postgres.ts', {}, await freshPostgresDatabase(postgresUrl)))
console.log(JSON.stringify(results, null, 2))
