import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { env } from '~/env.server.ts'

export type Db = PrismaClient

/** Opens a SQLite database through Prisma's better-sqlite3 driver adapter. */
export function createDb(url: string): PrismaClient {
  // The busy timeout makes a writer wait for the lock instead of failing at once.
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) })
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
