import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { markTransactionCallbacks, withTransactionLock } from '~/db-lock.server.ts'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { env } from '~/env.server.ts'

export type Db = PrismaClient

const unavailable =
  /unable to open database|cannot open database|SQLITE_CANTOPEN|database is locked|SQLITE_BUSY|disk I\/O error|no such table|readonly database/i

/** Whether an error means the database cannot serve us now (as opposed to a bug). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error)
  return unavailable.test(text)
}

/**
 * Opens a SQLite database through Prisma's better-sqlite3 driver adapter. A database
 * that is missing, locked for too long or not migrated answers every query with a 503
 * Response (rendered by the error boundary as a plain message), never a 500.
 */
export function createDb(url: string): PrismaClient {
  // The busy timeout makes a writer wait for the lock instead of failing at once.
  // The lock keeps other requests' queries out of an open transaction (app/db-lock.server.ts).
  const adapter = withTransactionLock(new PrismaBetterSqlite3({ url, timeout: 5000 }))
  const client = new PrismaClient({ adapter })
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args)
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error
          console.error('database unavailable:', error instanceof Error ? error.message : error)
          throw new Response('The database is not available right now. Please try again in a moment.', { status: 503 })
        }
      },
    },
  })
  return markTransactionCallbacks(extended) as unknown as PrismaClient
}

/**
 * Per-connection settings. WAL lets readers run beside the one writer (and persists in
 * the file); NORMAL sync is safe with WAL; foreign keys are off in SQLite by default.
 */
export async function preparePragmas(client: PrismaClient) {
  await client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await client.$executeRawUnsafe('PRAGMA foreign_keys = ON')
}

/** A client with its connection settings applied before any query can run. */
export async function openDb(url: string): Promise<PrismaClient> {
  const client = createDb(url)
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

export async function closeDb() {
  const client = await global[key]
  delete global[key]
  await client?.$disconnect()
}
