import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresSchema } from '../../scripts/db/postgres-schema.mjs'
import { prismaCli, root } from '../setup/paths.ts'
import { prefix, urlOf, withAdmin } from '../setup/postgres.ts'

// These run the real Prisma CLI (through the WebAssembly schema-engine stand-in that
// prisma.config.ts selects), exactly as `npm start` and CI do. Each call takes ~1.5 s.
const cliTimeout = 60_000

// better-sqlite3 ships no types and @types/better-sqlite3 is not a dependency: describe
// the two calls this file makes rather than add a package for them.
type SqliteDatabase = { prepare(sql: string): { all(): unknown[] }; close(): void }
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options: { readonly: boolean },
) => SqliteDatabase

const migrationsDir = path.join(root, 'prisma/migrations')
const schemaFile = path.join(root, 'prisma/schema.prisma')

let scratchDir: string
let databaseFile: string
let firstDeploy: PrismaResult

type PrismaResult = { status: number | null; output: string }

function prisma(args: string[], databaseUrl = `file:${databaseFile}`): PrismaResult {
  const result = spawnSync(process.execPath, [prismaCli, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: cliTimeout,
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

beforeAll(() => {
  scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-migrations-'))
  databaseFile = path.join(scratchDir, 'fresh.db')
  firstDeploy = prisma(['migrate', 'deploy'])
}, cliTimeout)

afterAll(() => {
  fs.rmSync(scratchDir, { recursive: true, force: true })
})

describe('prisma migrate deploy', () => {
  it('creates every table on a fresh database', () => {
    expect(firstDeploy.output).toContain('All migrations have been successfully applied')
    expect(firstDeploy.status).toBe(0)
    const database = new Database(databaseFile, { readonly: true })
    try {
      const tables = database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => (row as { name: string }).name)
      expect(tables).toEqual(expect.arrayContaining(['Session', 'User', 'SecurityEvent', 'LoginThrottle']))
    } finally {
      database.close()
    }
  })

  it('is a no-op the second time', { timeout: cliTimeout }, () => {
    const again = prisma(['migrate', 'deploy'])
    expect(again.output).toContain('No pending migrations')
    expect(again.status).toBe(0)
  })

  it('leaves `migrate status` saying the database is up to date', { timeout: cliTimeout }, () => {
    const status = prisma(['migrate', 'status'])
    expect(status.output).toContain('Database schema is up to date')
    expect(status.status).toBe(0)
  })
})

describe('the drift check CI runs', () => {
  const diffAgainst = (schema: string) =>
    prisma(['migrate', 'diff', '--from-migrations', migrationsDir, '--to-schema', schema, '--exit-code'])

  it('finds no difference between the migrations and schema.prisma', { timeout: cliTimeout }, () => {
    const diff = diffAgainst(schemaFile)
    expect(diff.output).toContain('No difference detected')
    expect(diff.status).toBe(0)
  })

  it('fails with exit code 2 when the schema changes without a migration', { timeout: cliTimeout }, () => {
    const schema = fs.readFileSync(schemaFile, 'utf8')
    expect(schema).toContain('model User {')
    const changedSchema = path.join(scratchDir, 'schema.prisma')
    fs.writeFileSync(changedSchema, schema.replace('model User {', 'model User {\n  driftCheckProbe String?'))
    const diff = diffAgainst(changedSchema)
    expect(diff.output).toContain('driftCheckProbe')
    expect(diff.status).toBe(2)
  })
})

// PostgreSQL has its own migration history (prisma/postgres/migrations) for the schema
// generated from the same source; the same checks hold for it, on a real server.
describe('on PostgreSQL', () => {
  const postgresMigrations = path.join(root, 'prisma/postgres/migrations')
  const postgresSchemaFile = path.join(root, 'prisma/postgres/schema.prisma')
  const database = `${prefix}migrations_${randomBytes(4).toString('hex')}`
  const url = urlOf(database)
  let deploy: PrismaResult

  beforeAll(async () => {
    await withAdmin((client) => client.query(`CREATE DATABASE "${database}"`))
    deploy = prisma(['migrate', 'deploy'], url)
  }, cliTimeout)

  afterAll(async () => {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
  })

  it('migrate deploy creates every table, offline, through the WebAssembly engine', async () => {
    expect(deploy.output).toContain('All migrations have been successfully applied')
    expect(deploy.status).toBe(0)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const { rows } = await client
      .query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
      .finally(() => client.end())
    expect(rows.map((row) => row.tablename)).toEqual(
      expect.arrayContaining(['Session', 'User', 'SecurityEvent', 'LoginThrottle']),
    )
  })

  it('is a no-op the second time and leaves the status up to date', { timeout: 2 * cliTimeout }, () => {
    const again = prisma(['migrate', 'deploy'], url)
    expect(again.output).toContain('No pending migrations')
    expect(prisma(['migrate', 'status'], url).output).toContain('Database schema is up to date')
  })

  it('the generated PostgreSQL schema is what the one source gives', () => {
    expect(fs.readFileSync(postgresSchemaFile, 'utf8')).toBe(postgresSchema(fs.readFileSync(schemaFile, 'utf8')))
  })

  const diffAgainst = (schema: string) =>
    prisma(['migrate', 'diff', '--from-migrations', postgresMigrations, '--to-schema', schema, '--exit-code'], url)

  it('the drift check finds no difference between its migrations and its schema', { timeout: cliTimeout }, () => {
    const diff = diffAgainst(postgresSchemaFile)
    expect(diff.output).toContain('No difference detected')
    expect(diff.status).toBe(0)
  })

  it('the drift check fails when the source changes without a PostgreSQL migration', { timeout: cliTimeout }, () => {
    const source = fs.readFileSync(schemaFile, 'utf8')
    const changedSchema = path.join(scratchDir, 'postgres-schema.prisma')
    const changed = postgresSchema(source.replace('model User {', 'model User {\n  driftCheckProbe String?'))
    fs.writeFileSync(changedSchema, changed)
    const diff = diffAgainst(changedSchema)
    expect(diff.output).toContain('driftCheckProbe')
    expect(diff.status).toBe(2)
  })
})
