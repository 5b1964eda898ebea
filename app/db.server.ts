import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { env } from '~/env.server.ts'

export type Db = PrismaClient

const unavailable = /unable to open database|cannot open database|SQLITE_CANTOPEN|database is locked|SQLITE_BUSY|disk I\/O error|no such table|readonly database/i

/** Whether an error means the database cannot serve us now (as opposed to a bug). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error)
  return unavailable.test(text)
}

/**
 * Opens a SQLite database through Prisma's better-sqlite3 driver adapter. A database
 * that is missing, locked for too long or not migrated answers every query with a 503
 * Response (rendered by the error boundary as a plain message), never a 500.
 */
export function createDb(url: string): PrismaClient {
  // The busy timeout makes a writer wait for the lock instead of failing at once.
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) })
  return client.$extends({
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
  }) as unknown as PrismaClient
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

// One client per process, shared by the Remix build and the Express server (which
// closes it on shutdown), and kept across dev-server reloads.
const key = Symbol.for('doorman.db')
type Holder = { [key]?: { client: PrismaClient; ready: Promise<void> } }
const global = globalThis as Holder

function open() {
  const client = createDb(env().DATABASE_URL)
  return { client, ready: preparePragmas(client) }
}

global[key] ??= open()

export const db: PrismaClient = global[key].client

/** Resolves once the connection settings are applied. */
export const dbReady = () => global[key]?.ready ?? Promise.resolve()

export async function closeDb() {
  await global[key]?.client.$disconnect()
  delete global[key]
}
