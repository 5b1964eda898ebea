import { db, dialect } from '~/db.server.ts'
import { Prisma } from '~/generated/prisma/client.ts'
import { castableIpPattern, ipPrefilter, type IpRange } from '~/lib/admin/ip-range.ts'
import type { SessionRule } from '~/lib/admin/session-rule.ts'
import type { UserQuery } from '~/lib/admin/user-query.ts'

// The app's only raw SQL, in both dialects (SQLite and PostgreSQL: `dialect` comes from
// DATABASE_URL), each query measured to need it (figures in docs and the issue report):
// - the user list sorted by an aggregate of a *filtered* relation (active sessions, last
//   activity): Prisma can order by a relation's total _count only;
// - a rule's matches: case-insensitive equality (Prisma has no `mode` on SQLite) and
//   COUNT(DISTINCT userId) in the same pass as the session count;
// - a bulk job's mail rows: one INSERT per batch (insertHeldMail).
// Identifiers are double-quoted and dates are bound as parameters (each adapter binds
// them in the form Prisma stores), so most of it is one text for both; where the
// dialects differ, the difference is spelled out right here.

type Raw = Pick<Prisma.TransactionClient, '$queryRaw'>

const active = (now: Date) =>
  Prisma.sql`s."endedAt" IS NULL AND s."idleExpiresAt" > ${now} AND s."absoluteExpiresAt" > ${now}`
const where = (parts: Prisma.Sql[]) =>
  parts.length > 0 ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`)

export type UserFilter = Pick<UserQuery, 'q' | 'role' | 'disabled' | 'sessions'>

// SQLite's LIKE already ignores (ASCII) case; PostgreSQL's ILIKE does so beyond ASCII.
const like = dialect === 'postgresql' ? Prisma.raw('ILIKE') : Prisma.raw('LIKE')

function userWhere(filter: UserFilter, now: Date) {
  const parts: Prisma.Sql[] = []
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`
    parts.push(Prisma.sql`(u.email ${like} ${pattern} ESCAPE '\\' OR u.name ${like} ${pattern} ESCAPE '\\')`)
  }
  if (filter.role) parts.push(Prisma.sql`u.role = ${filter.role}`)
  if (filter.disabled)
    parts.push(filter.disabled === 'yes' ? Prisma.sql`u."disabledAt" IS NOT NULL` : Prisma.sql`u."disabledAt" IS NULL`)
  if (filter.sessions) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "Session" s WHERE s."userId" = u.id AND ${active(now)})`
    parts.push(filter.sessions === 'with' ? exists : Prisma.sql`NOT ${exists}`)
  }
  return where(parts)
}

export async function countUsers(filter: UserFilter, now: Date, client: Raw = db) {
  const [row] = await client.$queryRaw<
    Array<{ n: bigint | number }>
  >`SELECT COUNT(*) AS n FROM "User" u ${userWhere(filter, now)}`
  return Number(row?.n ?? 0)
}

/**
 * One page of user ids in the chosen order, users without a sort key last. The `IS NULL`
 * term does that in both dialects (SQLite sorts NULLs first in DESC, PostgreSQL last).
 */
export async function pageUserIds(
  filter: UserFilter,
  sort: UserQuery['sort'],
  page: { limit: number; offset: number },
  now: Date,
) {
  const filtered = userWhere(filter, now)
  const order =
    sort === 'created'
      ? Prisma.sql`SELECT u.id FROM "User" u ${filtered} ORDER BY u."createdAt" DESC, u.id`
      : Prisma.sql`SELECT u.id FROM (SELECT u.id, ${
          sort === 'sessions'
            ? Prisma.sql`(SELECT COUNT(*) FROM "Session" s WHERE s."userId" = u.id AND ${active(now)})`
            : Prisma.sql`(SELECT MAX(s."lastActiveAt") FROM "Session" s WHERE s."userId" = u.id)`
        } AS "sortKey" FROM "User" u ${filtered}) u ORDER BY u."sortKey" IS NULL, u."sortKey" DESC, u.id`
  const rows = await db.$queryRaw<Array<{ id: string }>>`${order} LIMIT ${page.limit} OFFSET ${page.offset}`
  return rows.map((row) => row.id)
}

export type RuleScope = {
  rule: SessionRule
  /** When the rule is evaluated ("inactive for N days" counts back from it). */
  at: Date
  /** What "active" means now; sessions signed in after `at` are never included. */
  now: Date
  /** The acting admin and their own session, which no bulk sign-out ends. */
  except: { sessionId: string; userId: string }
  /** A job that runs in batches: always leave out sessions signed in after `at`. */
  snapshot?: boolean
}

/**
 * "lastIp" lies in the range. PostgreSQL compares `inet` values exactly (`<<=`: within or
 * equal), IPv4-mapped rows included; a stray value that is no address matches nothing
 * instead of failing the query (castableIpPattern guards the cast). SQLite has no address type: LIKE prefixes narrow
 * it, exact for octet-aligned IPv4 ranges, and JS checks the rest (ipRangeExactInSql).
 */
function lastIpIn(range: IpRange) {
  if (dialect === 'postgresql') {
    const asInet = Prisma.sql`(CASE WHEN s."lastIp" ~* ${castableIpPattern} THEN s."lastIp"::inet END)`
    const ranges = [range.text]
    if (range.kind === 'ipv4') ranges.push(`::ffff:${range.address.toString()}/${range.bits + 96}`)
    return Prisma.sql`(${Prisma.join(
      ranges.map((text) => Prisma.sql`${asInet} <<= ${text}::inet`),
      ' OR ',
    )})`
  }
  return Prisma.sql`(${Prisma.join(
    ipPrefilter(range).patterns.map((pattern) => Prisma.sql`s."lastIp" LIKE ${pattern}`),
    ' OR ',
  )})`
}

/** Whether the SQL above matches the range exactly, so no check in JS is needed. */
export const ipRangeExactInSql = (range: IpRange) => dialect === 'postgresql' || ipPrefilter(range).exact

type Only = { sessionId?: string; userId?: string }

// `lower()` works beyond ASCII on PostgreSQL only. `only` narrows to one session or user;
// `keepOwn` leaves the admin's session in (see countRuleMatches).
function ruleWhere({ rule, at, now, except, snapshot }: RuleScope, options: { only?: Only; keepOwn?: boolean } = {}) {
  const parts = [active(now)]
  if (!options.keepOwn) parts.push(Prisma.sql`s.id <> ${except.sessionId}`)
  if (options.only?.sessionId) parts.push(Prisma.sql`s.id = ${options.only.sessionId}`)
  if (options.only?.userId) parts.push(Prisma.sql`s."userId" = ${options.only.userId}`)
  // A preview is evaluated now, when nothing can have signed in later; only a sign-out
  // evaluated at an earlier preview's time needs the condition (and its row reads).
  if (at < now || snapshot) parts.push(Prisma.sql`s."createdAt" <= ${at}`)
  if (rule.signedInBefore) parts.push(Prisma.sql`s."createdAt" < ${new Date(`${rule.signedInBefore}T00:00:00Z`)}`)
  if (rule.inactiveDays !== undefined)
    parts.push(Prisma.sql`s."lastActiveAt" < ${new Date(at.getTime() - rule.inactiveDays * 86_400_000)}`)
  if (rule.browser) parts.push(Prisma.sql`lower(s."browserName") = lower(${rule.browser})`)
  if (rule.os) parts.push(Prisma.sql`lower(s."osName") = lower(${rule.os})`)
  if (rule.ip) parts.push(lastIpIn(rule.ip))
  if (rule.role) parts.push(Prisma.sql`s."userId" IN (SELECT id FROM "User" WHERE role = ${rule.role})`)
  return where(parts)
}

async function counts(scope: RuleScope, options: { only?: Only; keepOwn?: boolean }, client: Raw) {
  const [row] = await client.$queryRaw<Array<{ sessions: bigint | number; users: bigint | number }>>`
    SELECT COUNT(*) AS sessions, COUNT(DISTINCT s."userId") AS users FROM "Session" s ${ruleWhere(scope, options)}`
  return { sessions: Number(row?.sessions ?? 0), users: Number(row?.users ?? 0) }
}

/**
 * How many sessions, and of how many users, the rule's SQL part matches, the admin's own
 * session excepted. "Every session but one" as `id <> ?` would make the database read
 * every row for its id; counting all, then taking the admin's own session (and, if it
 * was their only match, the admin) back out, keeps the big count on an index when one
 * covers the rule. The two corrections are single-row and single-user lookups.
 */
export async function countRuleMatches(scope: RuleScope, client: Raw = db) {
  const [all, own, admin] = await Promise.all([
    counts(scope, { keepOwn: true }, client),
    counts(scope, { keepOwn: true, only: { sessionId: scope.except.sessionId } }, client),
    counts(scope, { keepOwn: true, only: { userId: scope.except.userId } }, client),
  ])
  const lastOfAdmin = own.sessions === 1 && admin.sessions === 1
  return { sessions: all.sessions - own.sessions, users: all.users - (lastOfAdmin ? 1 : 0) }
}

export type Candidate = { id: string; userId: string; lastIp: string; lastActiveAt: string | Date }

/**
 * The next batch of sessions the rule's SQL part matches, least recently active first,
 * after `cursor` (keyset: the index on (endedAt, lastActiveAt) serves it; a deep batch
 * costs the same as the first).
 */
export function ruleCandidates(
  scope: RuleScope,
  cursor: { lastActiveAt: Date; id: string } | null,
  limit: number,
  client: Raw = db,
) {
  const after = cursor
    ? Prisma.sql`AND (s."lastActiveAt", s.id) > (${cursor.lastActiveAt}, ${cursor.id})`
    : Prisma.empty
  return client.$queryRaw<Candidate[]>`
    SELECT s.id, s."userId", s."lastIp", s."lastActiveAt" FROM "Session" s ${ruleWhere(scope)} ${after}
    ORDER BY s."lastActiveAt", s.id LIMIT ${limit}`
}

export type HeldMail = {
  kind: string
  userId: string
  to: string
  subject: string
  text: string
  dedupeKey: string
  createdAt: Date
  nextAttemptAt: Date
}

/**
 * A bulk sign-out batch's new mail rows, in one statement. Prisma's `createMany` took
 * about 100 ms a call here (20-40 rows; its plan is built anew for each row count): 7.5 s
 * of a 20,000-session job, more than the sign-outs themselves.
 */
export async function insertHeldMail(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, rows: HeldMail[]) {
  if (rows.length === 0) return
  const values = rows.map(
    (row) =>
      Prisma.sql`(${row.createdAt}, ${row.kind}, ${row.userId}, ${row.to}, ${row.subject}, ${row.text}, ${row.dedupeKey}, 'pending', 0, ${row.nextAttemptAt})`,
  )
  await tx.$executeRaw`INSERT INTO "MailMessage" ("createdAt", "kind", "userId", "to", "subject", "text", "dedupeKey", "status", "attempts", "nextAttemptAt") VALUES ${Prisma.join(values)}`
}
