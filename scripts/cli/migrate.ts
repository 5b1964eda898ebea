import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { EnvError, parseEnv } from '../../app/env.server.ts'

// Every command (`npm start`, `npm run user`, `npm run sessions:prune`) brings the database
// up to date first. Prisma's schema engine takes locks and fails with a WebAssembly stack
// trace ("unknown variant SocketTimeout") when a running server holds the file, so: read
// `_prisma_migrations` read-only and run the engine only when a migration is pending;
// retry a busy database with back-off; otherwise one plain line (docs/decisions/009).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const migrationsDir = path.join(root, 'prisma/migrations')
const BUSY = /SocketTimeout|database is locked|SQLITE_BUSY|busy/i

/** Migration folders not yet applied to the SQLite file at `url`, or null if it cannot tell. */
export function pendingMigrations(url: string): string[] | null {
  if (!url.startsWith('file:')) return null
  const file = url.slice('file:'.length).split('?')[0]!
  const wanted = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
  if (!fs.existsSync(path.resolve(root, file))) return wanted
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(path.resolve(root, file), { readonly: true, fileMustExist: true, timeout: 5000 })
    const rows = sqlite
      .prepare(
        'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .all() as Array<{ name: string }>
    const applied = new Set(rows.map((row) => row.name))
    return wanted.filter((name) => !applied.has(name))
  } catch {
    return null // no migrations table yet, or unreadable: let the engine decide
  } finally {
    sqlite?.close()
  }
}

/** The one line worth showing from the Prisma CLI's output. */
function plainReason(output: string) {
  if (BUSY.test(output)) return 'the database is busy (another process holds a lock on it); try again in a moment'
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => /^Error:|^P\d{4}|failed/i.test(text) && !/^at |wasm|WASM/.test(text))
  return line ? line.replace(/^Error:\s*/, '') : 'see `npx prisma migrate deploy` for details'
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Applies pending migrations, if any. Resolves with how many were pending (0: the engine
 * did not run); rejects with an Error whose message is one plain line.
 */
export async function applyPendingMigrations(url: string, attempts = 5): Promise<number> {
  const pending = pendingMigrations(url)
  if (pending !== null && pending.length === 0) return 0
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    if (result.status === 0) return pending?.length ?? 1
    const output = `${result.stdout}\n${result.stderr}`
    if (!BUSY.test(output) || attempt >= attempts)
      throw new Error(`Could not migrate the database: ${plainReason(output)}.`)
    await sleep(250 * 2 ** attempt)
  }
}

/** Validates the environment and applies pending migrations, so commands work on a new install. */
export async function prepareDatabase() {
  let url: string
  try {
    url = parseEnv(process.env).DATABASE_URL
    if (url.startsWith('file:'))
      fs.mkdirSync(path.dirname(path.resolve(root, url.replace(/^file:/, ''))), { recursive: true })
  } catch (error) {
    if (!(error instanceof EnvError)) throw error
    console.error(error.message)
    process.exit(1)
  }
  try {
    await applyPendingMigrations(url)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
