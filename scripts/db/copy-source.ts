import Database from 'better-sqlite3'
import pg from 'pg'
import { isPostgresUrl } from '../../app/db/postgres.server.ts'
import type { Row } from './copy-target.ts'

// Where `npm run db:copy` reads: the source's own driver, not Prisma (whose reads ran at
// about 5,000 session rows/s here). Rows come out with JS types, whatever the database:
// times as Dates, flags as booleans, so that any target writes them in its own form.

export type Source = {
  count(table: string): Promise<number>
  /** Up to `limit` rows of `table` after `after` (null: from the start) in `key` order. */
  read(table: string, key: string, after: unknown, limit: number): Promise<Row[]>
  close(): Promise<void>
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
// Keyset batches: an index range scan each, whatever the table's size.
const batchSql = (table: string, key: string, first: boolean, mark: (n: number) => string) =>
  `SELECT * FROM ${quoted(table)}${first ? '' : ` WHERE ${quoted(key)} > ${mark(1)}`} ORDER BY ${quoted(key)} LIMIT ${mark(first ? 1 : 2)}`

export async function openSource(url: string): Promise<Source> {
  return isPostgresUrl(url) ? postgresSource(url) : sqliteSource(url)
}

// `timestamp` holds UTC (Prisma's convention): read it as such, not in this process's zone.
const TIMESTAMP = 1114
const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`)

async function postgresSource(url: string): Promise<Source> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'doorman db:copy',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMP ? utcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  await client.connect()
  return {
    count: async (table) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table)}`)).rows[0]!.n),
    read: async (table, key, after, limit) => {
      const sql = batchSql(table, key, after === null, (n) => `$${n}`)
      return (await client.query<Row>(sql, after === null ? [limit] : [after, limit])).rows
    },
    close: () => client.end(),
  }
}

/** A stored SQLite time: Prisma's ISO text, CURRENT_TIMESTAMP's zone-less UTC text, or epoch ms. */
function sqliteDate(value: unknown) {
  if (value === null || typeof value === 'number') return value === null ? null : new Date(value)
  const text = String(value)
  return /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? new Date(text) : utcTimestamp(text)
}

async function sqliteSource(url: string): Promise<Source> {
  const sqlite = new Database(url.replace(/^file:/, '').split('?')[0]!, { readonly: true, timeout: 5_000 })
  const convert = (table: string) => {
    // The declared types of Prisma's migrations say which columns hold times and flags.
    const columns = sqlite.prepare(`PRAGMA table_info(${quoted(table)})`).all() as Array<{ name: string; type: string }>
    const dates = columns.filter(({ type }) => type === 'DATETIME').map(({ name }) => name)
    const flags = columns.filter(({ type }) => type === 'BOOLEAN').map(({ name }) => name)
    return (row: Row) => {
      for (const name of dates) row[name] = sqliteDate(row[name])
      for (const name of flags) row[name] = row[name] === null ? null : Boolean(row[name])
      return row
    }
  }
  const converters = new Map<string, (row: Row) => Row>()
  return {
    count: async (table) => (sqlite.prepare(`SELECT count(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n,
    read: async (table, key, after, limit) => {
      if (!converters.has(table)) converters.set(table, convert(table))
      const batch = sqlite.prepare(batchSql(table, key, after === null, () => '?'))
      const rows = (after === null ? batch.all(limit) : batch.all(after, limit)) as Row[]
      return rows.map(converters.get(table)!)
    },
    close: async () => void sqlite.close(),
  }
}
