// Validation cost in-process: the one prepared statement every request makes, with
// BENCH_SESSIONS sessions stored (1,000 and 10^6 in `npm run bench`). Beside it, in the
// same process and interleaved, the same lookup as Prisma runs it (two statements).
// Run by bench/run.ts in a child process whose DATABASE_URL points at a fresh database.
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { db } from '../app/db.server.ts'
import { createUser } from '../app/models/user.server.ts'
import { createSession, validateSessionToken } from '../app/session/session.server.ts'
import { hashSessionToken } from '../app/session/token.server.ts'
import { summarize } from './setup.ts'

const client = {
  ip: '203.0.113.5',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  hints: null,
}
const sessions = Number(process.env.BENCH_SESSIONS ?? 1000)

/**
 * Other people's sessions, as raw inserts in one transaction into a table whose secondary
 * indexes are dropped first and built once at the end (10^6 in seconds, not hours).
 */
function seed(count: number) {
  const started = performance.now()
  const sqlite = new Database(process.env.DATABASE_URL!.replace(/^file:/, ''))
  // A throwaway benchmark database: no journal while loading, WAL again afterwards.
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')
  const indexes = sqlite
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Session' AND sql IS NOT NULL`)
    .pluck()
    .all() as string[]
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')
  const users = Math.max(1, Math.ceil(count / 20))
  const insertUser = sqlite.prepare(
    'INSERT INTO "User" ("id", "email", "passwordHash", "role", "passwordChangedAt", "createdAt", "updatedAt") VALUES (?, ?, \'x\', \'user\', ?, ?, ?)',
  )
  const insertSession = sqlite.prepare(`INSERT INTO "Session" ("id", "tokenHash", "userId", "createdAt", "lastActiveAt",
    "idleExpiresAt", "absoluteExpiresAt", "persistent", "userAgent", "browserName", "osName", "deviceType",
    "uaBrowserFamily", "uaOsFamily", "signInIp", "lastIp") VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 'Chrome', 'Windows',
    'desktop', 'Chrome', 'Windows', '198.51.100.7', '198.51.100.7')`)
  sqlite.transaction(() => {
    for (const sql of indexes) sqlite.exec(`DROP INDEX ${/INDEX\s+("[^"]+")/i.exec(sql)![1]}`)
    const created = iso(now - 86_400_000)
    for (let n = 0; n < users; n++) insertUser.run(`seed-user-${n}`, `seed-${n}@example.com`, created, created, created)
    const random = randomBytes(48 * 1000)
    for (let n = 0; n < count; n++) {
      if (n % 1000 === 0 && n > 0) randomBytes(48 * 1000).copy(random)
      const bytes = random.subarray((n % 1000) * 48, (n % 1000) * 48 + 48)
      insertSession.run(
        bytes.subarray(0, 16).toString('base64url'),
        bytes.subarray(16).toString('hex'),
        `seed-user-${n % users}`,
        created,
        iso(now - (n % 86_400) * 1000),
        iso(now + 6 * 86_400_000),
        iso(now + 29 * 86_400_000),
        client.userAgent,
      )
    }
    for (const sql of indexes) sqlite.exec(sql)
  })()
  sqlite.pragma('journal_mode = WAL')
  sqlite.close()
  return (performance.now() - started) / 1000
}

const seedSeconds = seed(sessions)
const user = await createUser({
  email: `bench-${Date.now()}@example.com`,
  password: 'bench: a long and unusual passphrase 1',
})
const { token } = await createSession({ userId: user.id, persistent: true, client })
const tokenHash = hashSessionToken(token)
const prismaLookup = () =>
  db.session.findUnique({
    where: { tokenHash },
    include: { user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  })

for (let n = 0; n < 2000; n++) await validateSessionToken(token, client) // warm up
for (let n = 0; n < 200; n++) await prismaLookup()
const samples: number[] = []
const prismaSamples: number[] = []
for (let n = 0; n < 20_000; n++) {
  const started = process.hrtime.bigint()
  const result = await validateSessionToken(token, client)
  samples.push(Number(process.hrtime.bigint() - started) / 1000)
  if (!result.ok) throw new Error('the benchmark session was refused')
  if (n % 20 === 0) {
    const before = process.hrtime.bigint()
    await prismaLookup()
    prismaSamples.push(Number(process.hrtime.bigint() - before) / 1000)
  }
}
console.log(
  JSON.stringify({
    validation: { sessions, seedSeconds, ...summarize(samples), prismaTwoStatementLookup: summarize(prismaSamples) },
  }),
)
process.exit(0)
