// `npm start`: validate the configuration, build if the build is missing or stale, apply
// pending migrations, seed an empty database, then serve. `npm run dev` does the same
// with Vite's dev server instead of a build.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { EnvError, parseEnv } from '../app/env.server.ts'

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

function run(label: string, command: string, args: string[]) {
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env })
  if (result.status !== 0) fail(`${label} failed (exit ${result.status}). See the output above.`)
  console.log(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

// The build is stale when the sources it was made from changed: a hash of their
// contents, kept beside the build (mtimes change on every checkout, contents do not).
function sourceHash(): string {
  const hash = createHash('sha256')
  const visit = (target: string) => {
    if (!fs.existsSync(target) || target.endsWith(`${path.sep}generated`)) return
    if (fs.statSync(target).isDirectory()) {
      for (const name of fs.readdirSync(target).sort()) visit(path.join(target, name))
    } else {
      hash.update(path.relative(root, target)).update(fs.readFileSync(target))
    }
  }
  for (const source of [
    'app',
    'public',
    'vite.config.ts',
    'tailwind.config.ts',
    'package-lock.json',
    'prisma/schema.prisma',
  ]) {
    visit(path.join(root, source))
  }
  return hash.digest('hex')
}

const stampFile = path.join(root, 'build/.source-hash')
function buildIsStale(hash: string) {
  if (!fs.existsSync(path.join(root, 'build/server/index.js')) || !fs.existsSync(stampFile)) return true
  return fs.readFileSync(stampFile, 'utf8') !== hash
}

// A SQLite file's folder must exist; a postgresql:// URL names a server instead.
if (config.DATABASE_URL.startsWith('file:')) {
  const databaseFile = config.DATABASE_URL.replace(/^file:/, '')
  fs.mkdirSync(path.dirname(path.resolve(root, databaseFile)), { recursive: true })
}

if (!development) {
  const hash = sourceHash()
  if (buildIsStale(hash)) {
    run('Build', 'npm', ['run', 'build', '--silent'])
    fs.writeFileSync(stampFile, hash)
  }
}
run('Migrations', process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'])

const { seedIfEmpty } = await import('../prisma/seed.ts')
// Demo accounts have published passwords: a real install sets SEED_DEMO_DATA=false.
const seeded = config.SEED_DEMO_DATA ? await seedIfEmpty(config.DATABASE_URL) : null

const { startServer } = await import('../server/index.ts')
const { stop, port, host } = await startServer()
const shown = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host
console.log(`\nDoorman is running at http://${shown}:${port}`)
if (seeded) {
  console.log('Demo sign-ins (set SEED_DEMO_DATA=false on a real install):')
  for (const account of seeded) console.log(`  ${account.role.padEnd(5)}  ${account.email}  /  ${account.password}`)
}

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: finishing in-flight requests, then closing the database…`)
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}
