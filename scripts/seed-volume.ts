// Fills a database with production-like volume to measure the admin console against:
//   npx tsx scripts/seed-volume.ts --users 100000 --sessions 1000000 --events 1000000 --db file:/tmp/volume.db
// Migrates the target first, then inserts through better-sqlite3 directly (Prisma would
// take minutes): indexes are dropped during the load and rebuilt from the migration's SQL.
// Adds --reset to delete an existing file. Signs in as admin@volume.test / volume-admin.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashPassword } from '../app/models/password.server.ts'
import { parseDevice } from '../app/session/device.ts'

// better-sqlite3 ships no types and @types/better-sqlite3 is not a dependency.
type Statement = {
  run(...params: unknown[]): unknown
  all(...params: unknown[]): Array<Record<string, unknown>>
  get(...params: unknown[]): Record<string, unknown>
}
type Sqlite = {
  prepare(sql: string): Statement
  exec(sql: string): void
  pragma(sql: string): unknown
  transaction<T extends unknown[]>(fn: (...args: T) => void): (...args: T) => void
  close(): void
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Sqlite

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback
}
const counts = {
  users: Number(arg('users', '100000')),
  sessions: Number(arg('sessions', '1000000')),
  events: Number(arg('events', '1000000')),
}
const url = arg('db', 'file:/tmp/volume.db')
const file = url.replace(/^file:/, '')
const day = 86_400_000
const now = Date.now()
// Prisma stores DateTime in SQLite as this text form; comparisons are textual, so match it.
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!
const id = () => randomBytes(12).toString('base64url')
const log = (message: string) => console.log(`[${((Date.now() - now) / 1000).toFixed(1)} s] ${message}`)

if (process.argv.includes('--reset'))
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
const migrate = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'],
  { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' },
)
if (migrate.status !== 0) throw new Error('prisma migrate deploy failed')

const sqlite = new Database(file)
if (Number(sqlite.prepare('SELECT COUNT(*) AS n FROM User').get().n) > 0) {
  console.error(`${file} already has users: pass --reset to start over.`)
  process.exit(1)
}
sqlite.pragma('journal_mode = OFF')
sqlite.pragma('synchronous = OFF')
const indexes = sqlite
  .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
  .all() as Array<{ name: string; sql: string }>
for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`)

function batched(total: number, sql: string, row: (n: number) => unknown[], label: string) {
  const insert = sqlite.prepare(sql)
  const chunk = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) insert.run(...row(n))
  })
  for (let from = 0; from < total; from += 50_000) {
    chunk(from, Math.min(total, from + 50_000))
    log(`${label}: ${Math.min(total, from + 50_000)} / ${total}`)
  }
}

// Users: ~0.5 % admins, ~1 % disabled, created over two years. One real password hash.
const passwordHash = await hashPassword('volume-admin')
const userIds = Array.from({ length: counts.users }, (_, n) => (n === 0 ? 'volume-admin' : id()))
const names = [
  'Ada',
  'Grace',
  'Linus',
  'Margaret',
  'Alan',
  'Barbara',
  'Dennis',
  'Katherine',
  'Radia',
  'Ken',
  'Frances',
  'Edsger',
]
batched(
  counts.users,
  'INSERT INTO User (id, email, name, passwordHash, role, disabledAt, passwordChangedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  (n) => {
    const created = iso(now - 2 * 365 * day * (1 - n / counts.users))
    const admin = n === 0 || n % 200 === 7
    return [
      userIds[n],
      n === 0 ? 'admin@volume.test' : `user${n}@volume.test`,
      n === 0 ? 'Volume Admin' : `${pick(names)} ${n}`,
      passwordHash,
      admin ? 'admin' : 'user',
      n % 100 === 13 ? created : null,
      created,
      created,
      created,
    ]
  },
  'users',
)

// Sessions: skewed towards some users, created over 40 days, ~45 % still active, ~10 % IPv6.
const agents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
].map((ua) => parseDevice(ua))
const ip = () =>
  Math.random() < 0.1
    ? `2001:db8:${Math.floor(Math.random() * 65536).toString(16)}::${Math.floor(Math.random() * 65536).toString(16)}`
    : `${pick([10, 81, 172, 192, 203])}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`
const endings = ['signed-out', 'revoked-by-user', 'password-change', 'session-cap']
batched(
  counts.sessions,
  `INSERT INTO Session (id, tokenHash, userId, createdAt, lastActiveAt, idleExpiresAt, absoluteExpiresAt, persistent, method, userAgent, browserName, browserVersion, osName, osVersion, deviceType, deviceVendor, deviceModel, uaBrowserFamily, uaOsFamily, signInIp, lastIp, endedAt, endReason) VALUES (${Array(23).fill('?').join(', ')})`,
  () => {
    const device = pick(agents)
    const created = now - Math.random() * 40 * day
    const persistent = Math.random() < 0.8
    const absolute = created + (persistent ? 30 * day : day / 2)
    const lastActive = created + Math.random() ** 0.3 * (Math.min(now, absolute) - created)
    const idle = Math.min(lastActive + 7 * day, absolute)
    // What the prune job would have done: expired sessions are marked ended; some were signed out.
    const expiredAt = idle <= now ? idle : null
    const signedOut = !expiredAt && Math.random() < 0.15
    const endedAt = expiredAt ?? (signedOut ? lastActive : null)
    const endReason = expiredAt
      ? idle === absolute
        ? 'absolute-expiry'
        : 'idle-expiry'
      : signedOut
        ? pick(endings)
        : null
    const address = ip()
    const user = userIds[Math.floor(Math.random() ** 2 * counts.users)]
    return [
      id() + id(),
      randomBytes(32).toString('hex'),
      user,
      iso(created),
      iso(lastActive),
      iso(idle),
      iso(absolute),
      persistent ? 1 : 0,
      'password',
      device.userAgent,
      device.browserName,
      device.browserVersion,
      device.osName,
      device.osVersion,
      device.deviceType,
      device.deviceVendor,
      device.deviceModel,
      device.uaBrowserFamily,
      device.uaOsFamily,
      address,
      address,
      endedAt === null ? null : iso(endedAt),
      endReason,
    ]
  },
  'sessions',
)

// Events: oldest first, so that ids follow time as they do in production.
const types = [
  'sign-in',
  'sign-in',
  'sign-in',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'reauthenticated',
  'session-revoked',
  'sessions-revoked',
  'password-changed',
]
const eventStart = now - 90 * day
batched(
  counts.events,
  'INSERT INTO SecurityEvent (createdAt, type, actorId, targetUserId, sessionId, ip, device, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  (n) => {
    const type = pick(types)
    const user = userIds[Math.floor(Math.random() ** 2 * counts.users)]
    const details =
      type === 'sign-in-failed' ? JSON.stringify({ email: 'someone@volume.test', why: 'wrong-credentials' }) : null
    return [
      iso(eventStart + (n / counts.events) * (now - eventStart)),
      type,
      type === 'sign-in-failed' ? null : user,
      user,
      null,
      ip(),
      'Chrome 131 on Windows',
      details,
    ]
  },
  'events',
)

log('rebuilding indexes')
for (const index of indexes) sqlite.exec(index.sql)
sqlite.pragma('journal_mode = WAL')
const total = (table: string, where = '1') =>
  Number(sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get().n)
log(
  `done: ${total('User')} users, ${total('Session')} sessions (${total('Session', `endedAt IS NULL AND idleExpiresAt > '${iso(now)}'`)} active), ${total('SecurityEvent')} events`,
)
log('sign in as admin@volume.test / volume-admin')
sqlite.close()
