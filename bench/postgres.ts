// The PostgreSQL figures (decision 015), run by bench/run.ts in a child process whose
// DATABASE_URL points at a freshly migrated PostgreSQL database:
// - session validation p50/p99 with BENCH_PG_SESSIONS (10^6) sessions stored;
// - database transactions per second caused by 1,000 idle open streams (goal: none per stream);
// - time from a revocation committed by another instance (its own connection: UPDATE and
//   pg_notify in one transaction) to the `ended` event on this instance's stream.
import pg from 'pg'
import { createUser } from '../app/models/user.server.ts'
import { liveHub } from '../app/session/live-hub.server.ts'
import { CHANNEL, liveBus } from '../app/session/live/live-bus.server.ts'
import { createSession, validateSessionToken } from '../app/session/session.server.ts'
import { summarize } from './setup.ts'

const sessions = Number(process.env.BENCH_PG_SESSIONS ?? 1_000_000)
const streams = 1_000
const url = process.env.DATABASE_URL!
const sql = new pg.Client({ connectionString: url })
await sql.connect()
const client = {
  ip: '203.0.113.5',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  hints: null,
}

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
await sql.query('ANALYZE "Session"')
const seedSeconds = (Date.now() - seedStarted) / 1000

// Validation: the one indexed lookup (and conditional touch) every request makes.
const user = await createUser({
  email: `bench-${Date.now()}@example.com`,
  password: 'bench: a long and unusual passphrase 1',
})
const { token } = await createSession({ userId: user.id, persistent: true, client })
for (let n = 0; n < 300; n++) await validateSessionToken(token, client)
const samples: number[] = []
for (let n = 0; n < 3_000; n++) {
  const started = process.hrtime.bigint()
  const result = await validateSessionToken(token, client)
  samples.push(Number(process.hrtime.bigint() - started) / 1000)
  if (!result.ok) throw new Error('the benchmark session was refused')
}

// 1,000 idle open streams on this instance: count every transaction the database runs.
const ended = new Map<string, number>()
for (let n = 1; n <= streams; n++) {
  liveHub.subscribe({
    sessionId: `bench-session-${n}`,
    userId: `bench-user-${(n % 1000) + 1}`,
    since: null,
    send: (event) => event === 'ended' && ended.set(`bench-session-${n}`, Date.now()),
    ping: () => {},
    close: () => {},
  })
}
while (!liveBus.listener?.connected) await new Promise((resolve) => setTimeout(resolve, 20))
await liveHub.flush()
const transactions = async () =>
  Number(
    (
      await sql.query<{ n: string }>(
        'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
      )
    ).rows[0]!.n,
  )
await new Promise((resolve) => setTimeout(resolve, 1_000)) // statistics are flushed about every second
const idleSeconds = 20
const before = await transactions()
await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1_000))
const after = await transactions()
// Our own two statistics reads are transactions too; the 30 s floor may fall in the window.
const idleTransactionsPerSecond = (after - before - 2) / idleSeconds

// Revocations committed elsewhere, one at a time: commit to `ended` on this instance.
const latencies: number[] = []
for (let n = 1; n <= 100; n++) {
  const id = `bench-session-${n}`
  await sql.query('BEGIN')
  await sql.query(`UPDATE "Session" SET "endedAt" = now(), "endReason" = 'revoked-by-admin' WHERE id = $1`, [id])
  await sql.query('SELECT pg_notify($1, $2)', [CHANNEL, `u:bench-user-${(n % 1000) + 1}`])
  await sql.query('COMMIT')
  const committed = Date.now()
  while (!ended.has(id)) await new Promise((resolve) => setTimeout(resolve, 1))
  latencies.push(ended.get(id)! - committed)
}

liveHub.closeAll()
await liveBus.close()
await sql.end()
console.log(
  JSON.stringify({
    postgres: {
      sessionsStored: sessions,
      seedSeconds,
      validationMicroseconds: summarize(samples),
      idleStreams: streams,
      idleTransactionsPerSecond,
      revokeToEndedMs: summarize(latencies),
    },
  }),
)
process.exit(0)
