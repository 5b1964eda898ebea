// The PostgreSQL figures, in one run, by bench/run.ts in a child process whose DATABASE_URL
// names a freshly migrated PostgreSQL database:
// - session validation p50/p99 with BENCH_PG_SESSIONS (10^6) sessions stored, and how many
//   transactions (round trips) one check costs;
// - authenticated throughput with one instance and with two behind nginx (bench/scale-out.ts);
// - transactions per second caused by 1,000 idle open streams on an instance, and the time
//   from a revoke posted to instance A to `ended` on instance B's stream (bench/live-streams.ts).
// Instances are built servers (`npm start`) on free ports, nginx runs deploy/nginx.conf.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { serializeSessionCookie } from '../app/session/cookie.server.ts'
import { createSession, validateSessionToken } from '../app/session/session.server.ts'
import { Browser, freePorts, startInstance, startNginx, userAgent } from '../tests/integration/support/instances.ts'
import { measureIdleStreams, measureRevokeToEnded, openStreams } from './live-streams.ts'
import { measureThroughput } from './scale-out.ts'
import { databaseTransactions, summarize } from './setup.ts'

const sessions = Number(process.env.BENCH_PG_SESSIONS ?? 1_000_000)
const url = process.env.DATABASE_URL!
const sql = new pg.Client({ connectionString: url })
await sql.connect()
const client = { ip: '203.0.113.5', userAgent, hints: null }
const statisticsLag = () => new Promise((resolve) => setTimeout(resolve, 11_000))

// Seed in the database itself: 1,000 users, `sessions` sessions, all active.
const seedStarted = Date.now()
await sql.query(`INSERT INTO "User" (id, email, "passwordHash", "updatedAt")
  SELECT 'bench-user-' || g, 'bench-' || g || '@example.com', 'x', now() FROM generate_series(1, 1000) g`)
await sql.query(
  `INSERT INTO "Session" (id, "tokenHash", "userId", "lastActiveAt", "idleExpiresAt", "absoluteExpiresAt",
     "userAgent", "signInIp", "lastIp")
   SELECT 'bench-session-' || g, md5('token' || g) || md5('more' || g), 'bench-user-' || (g % 1000 + 1),
     now(), now() + interval '7 days', now() + interval '30 days', 'bench', '203.0.113.5', '203.0.113.5'
   FROM generate_series(1, $1::int) g`,
  [sessions],
)
await sql.query('VACUUM ANALYZE "Session"') // no autovacuum later in the measured windows
const seedSeconds = (Date.now() - seedStarted) / 1000

const insertUsers = (name: string, count: number) =>
  sql.query(
    `INSERT INTO "User" (id, email, "passwordHash", "updatedAt")
     SELECT $1 || '-' || g, $1 || '-' || g || '@example.com', 'x', now() FROM generate_series(1, $2::int) g`,
    [name, count],
  )

/** New users with `count` sessions each (made as a sign-in makes them), and their cookies. */
async function usersWithSessions(name: string, users: number, count: number) {
  await insertUsers(name, users)
  const made: Array<{ userId: string; sessionId: string; cookie: string }> = []
  for (let user = 1; user <= users; user++)
    for (let n = 0; n < count; n++) {
      const { token, session } = await createSession({ userId: `${name}-${user}`, persistent: false, client })
      const cookie = (await serializeSessionCookie(token, null)).split(';')[0]!
      made.push({ userId: session.userId, sessionId: session.id, cookie })
    }
  return made
}

// Validation: the one indexed lookup (and conditional touch) every request makes.
await insertUsers('validation-user', 1)
const { token } = await createSession({ userId: 'validation-user-1', persistent: true, client })
for (let n = 0; n < 300; n++) await validateSessionToken(token, client)
const checks = 3_000
await statisticsLag()
const transactionsBefore = await databaseTransactions(sql)
const samples: number[] = []
for (let n = 0; n < checks; n++) {
  const started = process.hrtime.bigint()
  const result = await validateSessionToken(token, client)
  samples.push(Number(process.hrtime.bigint() - started) / 1000)
  if (!result.ok) throw new Error('the benchmark session was refused')
}
await statisticsLag()
const transactionsPerCheck = ((await databaseTransactions(sql)) - transactionsBefore - 1) / checks

// Two built instances on one database; nginx in front of A alone, and of A and B.
const [portA, portB, portOne, portTwo] = (await freePorts(4)) as [number, number, number, number]
const origin = `http://127.0.0.1:${portTwo}`
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-bench-pg-'))
const env = {
  DATABASE_URL: url,
  PUBLIC_ORIGIN: origin,
  TRUST_PROXY: '127.0.0.1',
  SEED_DEMO_DATA: 'false',
  MAIL_OUTBOX: path.join(scratch, 'outbox'),
}
const A = await startInstance(portA, env) // builds first if the build is stale
const B = await startInstance(portB, env)
const one = await startNginx(portOne, [portA], path.join(scratch, 'nginx-one'))
const two = await startNginx(portTwo, [portA, portB], path.join(scratch, 'nginx-two'))
let streams: Awaited<ReturnType<typeof openStreams>> = new Map()
try {
  const [reader] = await usersWithSessions('throughput-user', 1, 1)
  const throughput = await measureThroughput({
    one: one.url,
    two: two.url,
    path: '/devices',
    headers: { Cookie: reader!.cookie, 'User-Agent': userAgent },
    pids: [A.child.pid!, B.child.pid!],
  })

  // 1,000 sessions of 25 people (under the cap of 50 each), one stream each, on B.
  const tabs = await usersWithSessions('stream-user', 25, 40)
  const idle = await measureIdleStreams(sql, () => openStreams(B.url, origin, tabs))
  streams = idle.streams
  // Each person signs out 8 of their devices from a new sign-in (fresh password confirmation) on A.
  const actors = new Map<string, Browser>()
  for (const { userId } of tabs) {
    if (actors.has(userId)) continue
    const { token: actorToken } = await createSession({ userId, persistent: false, client })
    const actor = new Browser(origin)
    actor.cookie = (await serializeSessionCookie(actorToken, null)).split(';')[0]!
    actors.set(userId, actor)
  }
  const revokes = tabs
    .filter((_, index) => index % 5 === 0)
    .map(({ sessionId, userId }) => ({ sessionId, actor: actors.get(userId)! }))
  const revoke = await measureRevokeToEnded(A.url, revokes, streams)

  console.log(
    JSON.stringify({
      postgres: {
        sessionsStored: sessions,
        seedSeconds,
        validationMicroseconds: summarize(samples),
        validationTransactionsPerCheck: transactionsPerCheck,
        throughput,
        idleStreams: idle.idle,
        revokeToEnded: revoke,
      },
    }),
  )
} finally {
  for (const stream of streams.values()) void stream.cancel()
  await Promise.all([one.stop(), two.stop()])
  await Promise.all([A.stop(), B.stop()])
  await sql.end()
  fs.rmSync(scratch, { recursive: true, force: true })
}
process.exit(0)
