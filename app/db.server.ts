import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { markTransactionCallbacks, withTransactionLock } from '~/db-lock.server.ts'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { createPostgresClient, isPostgresUrl } from '~/db/postgres.server.ts'
import { env } from '~/env.server.ts'
import { classifyDbError, LOCK_WAIT_MS, watchDatabaseFile, withFaultHandling } from '~/db-faults.server.ts'
import { isPostgresUnavailable } from '~/lib/pg-unavailable.ts'
import {
  FALLBACK_AUTOCHECKPOINT_PAGES,
  startCheckpointer,
  WAL_SIZE_LIMIT_BYTES,
  type Checkpointer,
} from '~/db/sqlite-checkpointer.server.ts'

export type Db = PrismaClient

/** Whether an error means the database cannot serve us now (as opposed to a bug). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return classifyDbError(error) !== null || isPostgresUnavailable(error)
}

/** Which SQL dialect a DATABASE_URL speaks: a `postgresql://` URL or a SQLite `file:`. */
export type Dialect = 'sqlite' | 'postgresql'
export const dialectOf = (url: string): Dialect => (isPostgresUrl(url) ? 'postgresql' : 'sqlite')

/**
 * Opens the database the URL names: a SQLite file through Prisma's better-sqlite3 driver
 * adapter, or PostgreSQL (app/db/postgres.server.ts). A database that is missing,
 * read-only, locked for too long, replaced or not migrated answers with a 503 Response
 * (rendered by the error boundary as a plain message), never a 500: see db-faults.server.ts.
 */
export function createDb(url: string): PrismaClient {
  if (isPostgresUrl(url)) return withFaultHandling(createPostgresClient(url), async () => {})
  // The busy timeout makes a writer wait for another's lock, but only a few seconds. The
  // transaction lock keeps other requests' queries out of an open transaction (db-lock.server.ts).
  const adapter = withTransactionLock(new PrismaBetterSqlite3({ url, timeout: LOCK_WAIT_MS }))
  const client = new PrismaClient({ adapter })
  return markTransactionCallbacks(withFaultHandling(client, preparePragmas))
}

/**
 * Per-connection settings. WAL lets readers run beside the one writer (and persists in
 * the file); NORMAL sync is safe with WAL; foreign keys are off in SQLite by default.
 */
export async function preparePragmas(client: PrismaClient) {
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await client.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  // While a worker checkpoints (startBackgroundCheckpoints), this connection only does so far
  // later, and a log that grew during a long job is cut back when it restarts.
  const running = checkpointerHolder[checkpointerKey] !== undefined
  await client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${running ? FALLBACK_AUTOCHECKPOINT_PAGES : 1000}`)
  if (running) await client.$queryRawUnsafe(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
}

// Kept across dev-server reloads, like the client: one worker per process.
const checkpointerKey = Symbol.for('doorman.checkpointer')
const checkpointerHolder = globalThis as { [checkpointerKey]?: Checkpointer }

/**
 * SQLite: WAL checkpoints move to a worker thread, so that no request's COMMIT stalls the
 * event loop copying the log (app/db/sqlite-checkpointer.server.ts). The server calls this;
 * short-lived commands keep SQLite's own checkpoints.
 */
export async function startBackgroundCheckpoints() {
  if (dialect !== 'sqlite' || checkpointerHolder[checkpointerKey]) return
  checkpointerHolder[checkpointerKey] = startCheckpointer(sqliteFile(env().DATABASE_URL))
  await preparePragmas(db).catch(() => undefined)
}

/** The file a SQLite `file:` URL names (relative to the working directory, as Prisma reads it). */
export const sqliteFile = (url: string) => url.replace(/^file:/, '').replace(/\?.*$/, '')

/** A client with its connection settings applied before any query can run. */
export async function openDb(url: string): Promise<PrismaClient> {
  const client = createDb(url)
  // A missed migration is named in the log at start, not discovered request by request.
  await client.user.findFirst({ select: { id: true } }).catch(() => undefined)
  if (isPostgresUrl(url)) return client
  watchDatabaseFile(url)
  // A database that cannot be opened now may come back; its queries will answer 503.
  await preparePragmas(client).catch((error: unknown) =>
    console.error('database settings not applied:', error instanceof Response ? 'database unavailable' : error),
  )
  return client
}

// One client per process, shared by the Remix build and the Express server (which
// closes it on shutdown), and kept across dev-server reloads.
const key = Symbol.for('doorman.db')
const global = globalThis as { [key]?: Promise<PrismaClient> }

global[key] ??= openDb(env().DATABASE_URL)

export const db: PrismaClient = await global[key]
/** The dialect of `db`, for the raw SQL that differs (app/models/admin/sql.server.ts). */
export const dialect: Dialect = dialectOf(env().DATABASE_URL)

export async function closeDb() {
  await checkpointerHolder[checkpointerKey]?.stop()
  delete checkpointerHolder[checkpointerKey]
  const client = await global[key]
  delete global[key]
  await client?.$disconnect()
}
