// `npm run db:copy -- --from file:./data/doorman.db --to postgresql://…`: moves an install
// to another database (usually SQLite to PostgreSQL). Migrates the target first, refuses a
// target that holds any row, copies every table in one transaction with a progress bar,
// then verifies the counts (decision 014). Stop the app first: rows written meanwhile would be missed
// (the count check then says so).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { envSchema } from '../../app/env.server.ts'
import { openSource } from './copy-source.ts'
import { openTarget } from './copy-target.ts'
import { copyDatabase, type Progress } from './copy-tables.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const usage = 'Usage: npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL>'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function urlOption(name: string, value: string | undefined) {
  if (!value) fail(`--${name} is missing.\n${usage}`)
  const parsed = envSchema.shape.DATABASE_URL.safeParse(value)
  if (!parsed.success) fail(`--${name} ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message}`)
  return value
}

/** Hides the password of a URL before it is printed. */
const shown = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')

function migrate(url: string) {
  if (url.startsWith('file:'))
    fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, '').split('?')[0]!)), { recursive: true })
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) fail(`Could not migrate the target ${shown(url)}:\n${result.stdout}${result.stderr}`)
}

// One line per table: redrawn in place on a terminal, printed once when done otherwise.
const progressBar: Progress = (table, done, total) => {
  const width = 30
  const filled = total === 0 ? width : Math.round((done / total) * width)
  const line = `${table.padEnd(18)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`
  if (process.stdout.isTTY) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`)
  else if (done === total) console.log(line)
}

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } })
const from = urlOption('from', values.from)
const to = urlOption('to', values.to)
if (from === to) fail('--from and --to name the same database.')
if (from.startsWith('file:') && !fs.existsSync(path.resolve(from.replace(/^file:/, '').split('?')[0]!)))
  fail(`--from: there is no database file at ${from}.`)

console.log(`Migrating the target ${shown(to)}…`)
migrate(to)
console.log(`Copying ${shown(from)} → ${shown(to)}`)
const source = await openSource(from).catch((error: unknown) =>
  fail(`Could not open the source ${shown(from)}: ${error instanceof Error ? error.message : String(error)}`),
)
const target = await openTarget(to).catch((error: unknown) =>
  fail(`Could not open the target ${shown(to)}: ${error instanceof Error ? error.message : String(error)}`),
)
const started = Date.now()
try {
  const counts = await copyDatabase(source, target, progressBar)
  const seconds = (Date.now() - started) / 1000
  const rows = Object.values(counts).reduce((sum, count) => sum + count, 0)
  const summary = Object.entries(counts).map(([name, count]) => `${count.toLocaleString('en')} ${name}`)
  const rate = `${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`
  console.log(`Copied and verified in ${seconds.toFixed(1)} s (${rate}): ${summary.join(', ')}.`)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
} finally {
  await Promise.all([source.close(), target.close()])
}
