import Database from 'better-sqlite3'
import { db, dialect, isDatabaseUnavailable } from '~/db.server.ts'
import { translateDbError } from '~/db-faults.server.ts'
import { env } from '~/env.server.ts'
import { Prisma } from '~/generated/prisma/client.ts'

// The hot path's raw SQL: the one read every signed-in request makes, a session joined to
// its user by token hash, in ONE statement prepared once. Prisma runs the same lookup as
// two statements through its query compiler (~300–360 µs); this one costs ~12 µs
// (docs/decisions/021-session-hot-path.md). Both dialects of the statement live here.

export type SessionRow = Prisma.SessionGetPayload<object>
export type SessionRowUser = Pick<Prisma.UserGetPayload<object>, 'id' | 'email' | 'name' | 'role' | 'disabledAt'>
export type SessionWithUser = { session: SessionRow; user: SessionRowUser }

/** Every Session column, from the generated client, so a new column is read without edits here. */
const sessionColumns = Object.values(Prisma.SessionScalarFieldEnum)

// Which columns need converting from what a driver returns. The two checks below fail
// the typecheck when a DateTime or Boolean column is added to Session and not listed.
type KeysOf<T, V> = {
  [K in keyof SessionRow]-?: V extends SessionRow[K] ? (SessionRow[K] extends T ? K : never) : never
}[keyof SessionRow]
const dateColumns = [
  'createdAt',
  'lastActiveAt',
  'idleExpiresAt',
  'absoluteExpiresAt',
  'reauthenticatedAt',
  'endedAt',
] as const
const booleanColumns = ['persistent'] as const
const allDates: Exclude<KeysOf<Date | null, Date>, (typeof dateColumns)[number]> extends never ? true : false = true
const allBooleans: Exclude<KeysOf<boolean | null, boolean>, (typeof booleanColumns)[number]> extends never
  ? true
  : false = true
void allDates
void allBooleans

/**
 * A stored timestamp as a Date: SQLite holds Prisma's ISO text ("…T…+00:00"), or
 * CURRENT_TIMESTAMP's zone-less UTC text, or epoch milliseconds; PostgreSQL's JSON gives
 * zone-less ISO text for `timestamp` (Prisma stores UTC there).
 */
export function storedDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value))
  const text = String(value)
  return new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text.replace(' ', 'T')}Z`)
}

const storedBoolean = (value: unknown) => (value === null || value === undefined ? null : Boolean(Number(value)))
const converters = sessionColumns.map((name) =>
  (dateColumns as readonly string[]).includes(name)
    ? storedDate
    : (booleanColumns as readonly string[]).includes(name)
      ? storedBoolean
      : (value: unknown) => value,
)

const userColumns = ['email', 'name', 'role', 'disabledAt'] as const
const userFrom = (userId: string, values: ArrayLike<unknown>): SessionRowUser => ({
  id: userId,
  email: values[0] as string,
  name: values[1] as string | null,
  role: values[2] as string,
  disabledAt: storedDate(values[3]),
})

// ---- SQLite -------------------------------------------------------------------------

export const sessionLookupSqlite = `SELECT ${sessionColumns.map((name) => `s."${name}"`).join(', ')}, ${userColumns
  .map((name) => `u."${name}"`)
  .join(', ')} FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ?`

function fromSqliteRow(row: unknown[]): SessionWithUser {
  const session: Record<string, unknown> = {}
  for (let index = 0; index < sessionColumns.length; index++) {
    session[sessionColumns[index]!] = converters[index]!(row[index])
  }
  const typed = session as SessionRow
  return { session: typed, user: userFrom(typed.userId, row.slice(sessionColumns.length)) }
}

type Prepared = { connection: Database.Database; lookup: Database.Statement<[string], unknown[]> }

/**
 * Session lookups on a dedicated read-only connection to the SQLite file (Prisma's adapter
 * does not expose its own). In WAL mode every statement starts a new read transaction, so
 * it sees each write committed before it began (a revocation bites on the very next
 * request) and never waits for the writer. Opened and prepared on first use; a fault
 * closes it so that the next request opens it afresh.
 */
export function openSessionReader(url: string) {
  let prepared: Prepared | null = null
  const prepare = (): Prepared => {
    const connection = new Database(url.replace(/^file:/, ''), { readonly: true, timeout: 5000 })
    try {
      return { connection, lookup: connection.prepare<[string], unknown[]>(sessionLookupSqlite).raw(true) }
    } catch (error) {
      connection.close() // e.g. not migrated yet
      throw error
    }
  }
  const close = () => {
    prepared?.connection.close()
    prepared = null
  }
  return {
    /** The session with this token hash and its user, or null: one prepared statement. */
    find(tokenHash: string): SessionWithUser | null {
      let row: unknown[] | undefined
      try {
        prepared ??= prepare()
        row = prepared.lookup.get(tokenHash)
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error
        close()
        // The same answer db.server.ts gives every other query the database cannot serve.
        translateDbError(error)
      }
      return row ? fromSqliteRow(row) : null
    },
    close,
  }
}

// One reader per process, kept across dev-server reloads like the Prisma client.
const key = Symbol.for('doorman.sessionReader')
const holder = globalThis as { [key]?: ReturnType<typeof openSessionReader> }

/**
 * The session with this token hash and its user: one statement on the primary. SQLite:
 * the prepared statement on the reader connection. PostgreSQL: the same single statement
 * through the app's pool (one round trip; never a cache or a replica).
 */
export async function findSessionByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
  if (dialect === 'postgresql') return findSessionByTokenHashPostgres(prismaQuery, tokenHash)
  holder[key] ??= openSessionReader(env().DATABASE_URL)
  return holder[key].find(tokenHash)
}

const prismaQuery: PgQuery = async (text, values) => ({
  rows: await db.$queryRawUnsafe<Array<Record<string, unknown>>>(text, ...values),
})

/** Closes the process's hot-path connection (on shutdown). */
export function closeSessionReader() {
  holder[key]?.close()
  delete holder[key]
}

// ---- PostgreSQL ---------------------------------------------------------------------

/**
 * The same single statement for PostgreSQL (one round trip). Rows come back as JSON so
 * that `timestamp` columns arrive as text whatever type parsers the pool has installed
 * (node-postgres would read zone-less timestamps in the server's local zone).
 */
export const sessionLookupPostgres = `SELECT to_jsonb(s) AS "session", jsonb_build_array(${userColumns
  .map((name) => `u."${name}"`)
  .join(', ')}) AS "user" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = $1`

/** What node-postgres' `pool.query(text, values)` (or a client's) looks like. */
export type PgQuery = (text: string, values: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>

const fromJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown

export async function findSessionByTokenHashPostgres(
  query: PgQuery,
  tokenHash: string,
): Promise<SessionWithUser | null> {
  const { rows } = await query(sessionLookupPostgres, [tokenHash])
  const row = rows[0]
  if (!row) return null
  const stored = fromJson(row.session) as Record<string, unknown>
  const session: Record<string, unknown> = {}
  sessionColumns.forEach((name, index) => (session[name] = converters[index]!(stored[name] ?? null)))
  const typed = session as SessionRow
  return { session: typed, user: userFrom(typed.userId, fromJson(row.user) as unknown[]) }
}
