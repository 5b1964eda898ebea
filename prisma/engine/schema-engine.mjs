#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI
// downloads on first use and which this machine cannot fetch. It speaks the same
// line-delimited JSON-RPC 2.0 over stdin/stdout and forwards every call to Prisma's
// own schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), which
// reaches SQLite through the better-sqlite3 driver adapter and PostgreSQL through
// node-postgres (./postgres.mjs), both wrapped as migration-aware adapters.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here unless a native engine
// is already configured. Why: docs/decisions/001-prisma-wasm-schema-engine.md.
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { createRequire } from 'node:module'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import Database from 'better-sqlite3'
import { isPostgresUrl, postgresAdapterFactory, postgresDatabases } from './postgres.mjs'

const require = createRequire(import.meta.url)
const wasmDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--datamodels') args.datamodels.push(argv[++i])
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i])
    else if (arg === 'cli') args.cli = argv[++i]
    else if (arg === '--version' || arg === '-V') args.cli = 'version'
    else if (arg.startsWith('--')) i++ // flags we do not need take one value
  }
  return args
}

function sqlitePath(url) {
  if (!url) throw new Error('No datasource URL was given to the schema engine.')
  const file = url.replace(/^file:/, '').split('?')[0]
  return file === ':memory:' ? file : path.resolve(file)
}

// Node 20 cannot `import` a .wasm file, so wire the wasm-bindgen glue by hand.
async function loadWasmEngine() {
  const bindings = await import(path.join(wasmDir, 'schema_engine_bg.js'))
  const module = new WebAssembly.Module(fs.readFileSync(path.join(wasmDir, 'schema_engine_bg.wasm')))
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bindings })
  bindings.__wbg_set_wasm(instance.exports)
  instance.exports.__wbindgen_start()
  return bindings
}

// The wasm engine replays a migration on the shadow database as one multi-statement
// executeRaw; better-sqlite3's prepare() accepts one statement only, so run scripts.
function withScriptFallback(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter)
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && hasSeveralStatements(query.sql)) {
      await adapter.executeScript(query.sql)
      return 0
    }
    return executeRaw(query)
  }
  return adapter
}

function hasSeveralStatements(sql) {
  return sql.split(';').filter((part) => part.replace(/--.*$/gm, '').trim() !== '').length > 1
}

function adapterFactory(url) {
  if (isPostgresUrl(url)) return bindMigrationAwareSqlAdapterFactory(postgresAdapterFactory(url))
  const factory = new PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}`, timeout: 5000 })
  const connect = factory.connect.bind(factory)
  const connectToShadowDb = factory.connectToShadowDb.bind(factory)
  factory.connect = async () => withScriptFallback(await connect())
  factory.connectToShadowDb = async () => withScriptFallback(await connectToShadowDb())
  return bindMigrationAwareSqlAdapterFactory(factory)
}

// On SQLite the wasm engine's reset only deletes rows, so migrations cannot be applied
// again afterwards. Start from a new, empty file instead, as the native engine does.
function deleteDatabaseFile(url) {
  const file = sqlitePath(url)
  if (file === ':memory:') return
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
  new Database(file).close()
}

function datamodelFiles(files, url) {
  if (files.length > 0) return files.map((file) => [file, fs.readFileSync(file, 'utf8')])
  // `migrate diff` starts the engine without a schema and the wasm engine panics then.
  const provider = isPostgresUrl(url) ? 'postgresql' : 'sqlite'
  return [['schema.prisma', `datasource db {\n  provider = "${provider}"\n}\n`]]
}

// The CLI skips the first stderr line, then reads P1003 as "create it".
function reportMissingDatabase(name) {
  const message = `Database \`${name}\` does not exist`
  process.stderr.write(`${JSON.stringify({ level: 'INFO', fields: { message: 'checking' } })}\n`)
  process.stderr.write(
    `${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: 'P1003', message } })}\n`,
  )
  process.exit(1)
}

async function runPostgresOneShot(args, url) {
  const databases = postgresDatabases(url)
  if (args.cli === 'create-database') return databases.create()
  if (args.cli === 'drop-database') return databases.drop()
  if (args.cli === 'can-connect-to-database') {
    if (!(await databases.exists())) reportMissingDatabase(databases.name)
    return
  }
  throw new Error(`Unsupported schema engine command: ${args.cli}`)
}

async function runOneShot(args, url) {
  if (args.cli === 'version') return console.log('schema-engine-wasm (doorman stand-in)')
  if (isPostgresUrl(url)) return runPostgresOneShot(args, url)
  if (args.cli === 'create-database') {
    fs.mkdirSync(path.dirname(sqlitePath(url)), { recursive: true })
    new Database(sqlitePath(url)).close()
    return
  }
  if (args.cli === 'can-connect-to-database') {
    if (sqlitePath(url) === ':memory:' || fs.existsSync(sqlitePath(url))) return
    reportMissingDatabase(path.basename(sqlitePath(url)))
  }
  if (args.cli === 'drop-database') {
    fs.rmSync(sqlitePath(url), { force: true })
    return
  }
  throw new Error(`Unsupported schema engine command: ${args.cli}`)
}

function toRpcError(error) {
  let data = { message: String(error?.message ?? error) }
  try {
    const parsed = JSON.parse(data.message)
    if (parsed && typeof parsed === 'object') data = { ...parsed, message: parsed.message ?? data.message }
  } catch {
    // a plain message
  }
  return { code: 4466, message: 'An error happened. Check the data field for details.', data }
}

async function serve(args, url) {
  const bindings = await loadWasmEngine()
  const datamodels = datamodelFiles(args.datamodels, url)
  const log = (line) => process.stderr.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`)
  let engine = await bindings.SchemaEngine.new({ datamodels }, log, adapterFactory(url))
  let nextOwnId = 1_000_000
  const pending = new Map()
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`)
  // The native engine prints `migrate diff` output by asking the CLI to print it.
  const askCliToPrint = (content) =>
    new Promise((resolve) => {
      const id = nextOwnId++
      pending.set(id, resolve)
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } })
    })

  const handlers = {
    getDatabaseVersion: () => engine.version(),
    createDatabase: async () => {
      if (isPostgresUrl(url)) {
        const databases = postgresDatabases(url)
        await databases.create()
        return { databaseName: databases.name }
      }
      new Database(sqlitePath(url)).close()
      return { databaseName: path.basename(sqlitePath(url)) }
    },
    diff: async (params) => {
      const result = await engine.diff(params)
      if (result.stdout) await askCliToPrint(result.stdout)
      return { exitCode: result.exitCode }
    },
    reset: async (params) => {
      // PostgreSQL: the wasm engine drops and recreates the schema itself.
      if (isPostgresUrl(url)) return engine.reset(params)
      engine.free()
      deleteDatabaseFile(url)
      engine = await bindings.SchemaEngine.new({ datamodels }, log, adapterFactory(url))
      return {}
    },
  }

  // On a new database the wasm engine fails with P1014 where the native one creates
  // `_prisma_migrations`: apply an empty migration list to create it, then retry.
  async function withMigrationsTable(call, params) {
    try {
      return await call()
    } catch (error) {
      const missingTable = /P1014|_prisma_migrations/.test(String(error?.message ?? error))
      if (!missingTable || !params.migrationsList) throw error
      await engine.applyMigrations({
        migrationsList: { ...params.migrationsList, migrationDirectories: [] },
        filters: params.filters ?? { externalTables: [], externalEnums: [] },
      })
      return call()
    }
  }

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  const inFlight = new Set()
  for await (const line of lines) {
    if (!line.trim()) continue
    const message = JSON.parse(line)
    if (message.method === undefined && pending.has(message.id)) {
      pending.get(message.id)(message.result)
      pending.delete(message.id)
      continue
    }
    const call = handle(message).finally(() => inFlight.delete(call))
    inFlight.add(call)
  }
  // The CLI closed our stdin: answer what is still running, then leave. Idle pooled
  // PostgreSQL connections would otherwise keep the process (and the CLI) waiting ~10 s.
  await Promise.all(inFlight)
  process.exit(0)

  async function handle({ id, method, params }) {
    try {
      const handler = handlers[method] ?? ((p) => withMigrationsTable(() => engine[method](p), p))
      if (!handlers[method] && typeof engine[method] !== 'function') throw new Error(`Unknown method ${method}`)
      const result = await handler(params ?? {})
      send({ jsonrpc: '2.0', id, result: result ?? {} })
    } catch (error) {
      send({ jsonrpc: '2.0', id, error: toRpcError(error) })
    }
  }
}

const args = parseArgs(process.argv.slice(2))
const url = args.datasource?.url ?? process.env.DATABASE_URL
try {
  if (args.cli) await runOneShot(args, url)
  else await serve(args, url)
} catch (error) {
  process.stderr.write(`${JSON.stringify({ level: 'ERROR', fields: { message: String(error?.message ?? error) } })}\n`)
  process.exit(1)
}
