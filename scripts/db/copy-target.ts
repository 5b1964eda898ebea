import Database from 'better-sqlite3'
import pg from 'pg'
import { isPostgresUrl } from '../../app/db/postgres.server.ts'

// Where `npm run db:copy` writes: the target's own driver, not Prisma. A whole batch goes
// in one statement (PostgreSQL) or through one prepared statement (SQLite), inside the one
// transaction the copy holds. Values in the form Prisma reads back on each database.

export type Row = Record<string, unknown>

export type Target = {
  count(table: string): Promise<number>
  begin(): Promise<void>
  /** Inserts rows into `table`, leaving out `omit` (a column the target numbers itself). */
  insert(table: string, rows: Row[], omit?: string): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): Promise<void>
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
const columnsOf = (rows: Row[], omit?: string) => Object.keys(rows[0]!).filter((name) => name !== omit)

export async function openTarget(url: string): Promise<Target> {
  return isPostgresUrl(url) ? postgresTarget(url) : sqliteTarget(url)
}

async function postgresTarget(url: string): Promise<Target> {
  const client = new pg.Client({ connectionString: url, application_name: 'doorman db:copy' })
  await client.connect()
  return {
    count: async (table) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table)}`)).rows[0]!.n),
    begin: async () => void (await client.query('BEGIN')),
    // One statement and one parameter per batch: the server turns the JSON array into rows
    // of the table's own type (ISO times with a zone fit `timestamp`, which keeps UTC as is).
    insert: async (table, rows, omit) => {
      const columns = columnsOf(rows, omit).map(quoted).join(', ')
      await client.query(
        `INSERT INTO ${quoted(table)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${quoted(table)}, $1::json)`,
        [JSON.stringify(rows)],
      )
    },
    commit: async () => void (await client.query('COMMIT')),
    rollback: async () => void (await client.query('ROLLBACK')),
    close: () => client.end(),
  }
}

/** A value as Prisma's better-sqlite3 adapter stores it (ISO text with +00:00, 0/1). */
function sqliteValue(value: unknown) {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00')
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

async function sqliteTarget(url: string): Promise<Target> {
  const file = url.replace(/^file:/, '').split('?')[0]!
  const sqlite = new Database(file, { timeout: 5_000 })
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  const statements = new Map<string, Database.Statement>()
  return {
    count: async (table) => (sqlite.prepare(`SELECT count(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n,
    begin: async () => void sqlite.exec('BEGIN IMMEDIATE'),
    insert: async (table, rows, omit) => {
      const columns = columnsOf(rows, omit)
      const sql = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
      let insert = statements.get(sql)
      if (!insert) statements.set(sql, (insert = sqlite.prepare(sql)))
      for (const row of rows) insert.run(columns.map((name) => sqliteValue(row[name])))
    },
    commit: async () => void sqlite.exec('COMMIT'),
    rollback: async () => void (sqlite.inTransaction && sqlite.exec('ROLLBACK')),
    close: async () => void sqlite.close(),
  }
}
