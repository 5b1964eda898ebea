// `npm start`: validate the configuration, build if the build is missing or stale, apply
// pending migrations, seed an empty database, then serve. `npm run dev` does the same
// with Vite's dev server instead of a build.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { EnvError, parseEnv } from '../app/env.server.ts'
import { ensureBuild } from './build-stamp.ts'
import { mailStartLine } from '../app/mail-env.ts'
import { applyPendingMigrations } from './cli/migrate.ts'
import { demoRefusal } from './demo-guard.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const development = process.argv.includes('--dev')
// Set before React and Remix load: their CommonJS builds choose development or
// production code from it (development React is several times slower to render).
if (!process.env.NODE_ENV) process.env.NODE_ENV = development ? 'development' : 'production'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

let config
try {
  config = parseEnv(process.env)
} catch (error) {
  if (error instanceof EnvError) fail(error.message)
  throw error
}

/**
 * SQLite writes the database and its -wal/-shm files beside each other: an unwritable
 * directory or file is named here in one line, before the migration engine fails on it
 * with a message about schemas.
 */
function checkDatabaseWritable(file: string) {
  const dir = path.dirname(file)
  const problem = (what: string, error: unknown) =>
    fail(
      `Cannot start: the database ${what} is not writable (${(error as NodeJS.ErrnoException).code ?? error}). ` +
        'Fix its permissions or set DATABASE_URL to a writable place.',
    )
  try {
    fs.mkdirSync(dir, { recursive: true })
    const probe = path.join(dir, `.doorman-write-check-${process.pid}`)
    fs.writeFileSync(probe, '')
    fs.rmSync(probe)
  } catch (error) {
    problem(`directory ${dir}`, error)
  }
  try {
    if (fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'r+'))
  } catch (error) {
    problem(`file ${file}`, error)
  }
}

// A SQLite file's folder must exist and be writable; a postgresql:// URL names a server instead.
if (config.DATABASE_URL.startsWith('file:')) {
  checkDatabaseWritable(path.resolve(root, config.DATABASE_URL.replace(/^file:/, '')))
}

// Demo passwords are public: beyond loopback, no demo seeding and no demo account left.
const refusal = await demoRefusal(config)
if (refusal) fail(refusal)

if (!development && !ensureBuild()) fail('Build failed. See the output above.')
// Only when one is pending: the schema engine cannot run beside a server holding the file.
const migrationsStarted = Date.now()
const applied = await applyPendingMigrations(config.DATABASE_URL).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
)
if (applied > 0) console.log(`Migrations done in ${((Date.now() - migrationsStarted) / 1000).toFixed(1)} s`)

const { seedIfEmpty } = await import('../prisma/seed.ts')
// Demo accounts have published passwords: a real install sets SEED_DEMO_DATA=false.
const seeded = config.SEED_DEMO_DATA ? await seedIfEmpty(config.DATABASE_URL) : null

const { startServer } = await import('../server/index.ts')
const { stop, port, host } = await startServer()
const shown = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host
console.log(`\nDoorman is running at http://${shown}:${port}`)
console.log(mailStartLine(config, (dir) => path.resolve(dir)))
if (seeded) {
  console.log('Demo sign-ins (set SEED_DEMO_DATA=false on a real install):')
  for (const account of seeded) console.log(`  ${account.role.padEnd(5)}  ${account.email}  /  ${account.password}`)
}

let stopping = false
const shutDown = (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: finishing in-flight requests, then closing the database…`)
  stop().then(
    () => {
      console.log('Stopped cleanly.')
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutDown(signal))
// `npm start` execs this process in place of npm's shell, so npm passes its signals on
// (decision 012). Where something else sits between npm and us (a shell without `exec`,
// another launcher) and exits without passing one on, losing our parent means SIGTERM.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid
  setInterval(() => process.ppid !== parent && shutDown('parent exited'), 500).unref()
}
