import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { createPostgresClient, isPostgresUrl } from '../../app/db/postgres.server.ts'
import { PrismaClient } from '../../app/generated/prisma/client.ts'

// Copies every table of one Doorman database into another, SQLite or PostgreSQL either
// way, rows as they are: token hashes, ids and times unchanged, so the same cookies keep
// working (security events are renumbered in their order). The target must be migrated and empty; the
// copy is one transaction on the target, so a failure leaves it empty.

type Client = PrismaClient
type Tx = Parameters<Parameters<Client['$transaction']>[0]>[0]

/** A plain client for a URL (no app singleton, no 503 mapping: this is a command). */
export function openDatabase(url: string): Client {
  return isPostgresUrl(url)
    ? createPostgresClient(url)
    : new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) })
}

const BATCH = 1_000

// Parents first (sessions reference users). Each table is read in keyset batches of its
// primary key, so memory stays flat whatever its size.
const tables = [
  {
    name: 'users',
    count: (db: Client) => db.user.count(),
    read: (db: Client, after: string | number | null) =>
      db.user.findMany({
        where: after === null ? {} : { id: { gt: String(after) } },
        orderBy: { id: 'asc' },
        take: BATCH,
      }),
    write: (tx: Tx, rows: Awaited<ReturnType<Client['user']['findMany']>>) => tx.user.createMany({ data: rows }),
    key: (row: { id: string }) => row.id,
  },
  {
    name: 'sessions',
    count: (db: Client) => db.session.count(),
    read: (db: Client, after: string | number | null) =>
      db.session.findMany({
        where: after === null ? {} : { id: { gt: String(after) } },
        orderBy: { id: 'asc' },
        take: BATCH,
      }),
    write: (tx: Tx, rows: Awaited<ReturnType<Client['session']['findMany']>>) => tx.session.createMany({ data: rows }),
    key: (row: { id: string }) => row.id,
  },
  {
    name: 'security events',
    count: (db: Client) => db.securityEvent.count(),
    read: (db: Client, after: string | number | null) =>
      db.securityEvent.findMany({
        where: after === null ? {} : { id: { gt: Number(after) } },
        orderBy: { id: 'asc' },
        take: BATCH,
      }),
    // New ids from the target's own counter, given in the source's order: ids still follow
    // time, and PostgreSQL's sequence stays ahead of them (it does not move for given ids).
    write: (tx: Tx, rows: Awaited<ReturnType<Client['securityEvent']['findMany']>>) =>
      tx.securityEvent.createMany({ data: rows.map(({ id: _id, ...row }) => row) }),
    key: (row: { id: number }) => row.id,
  },
  {
    name: 'sign-in throttles',
    count: (db: Client) => db.loginThrottle.count(),
    read: (db: Client, after: string | number | null) =>
      db.loginThrottle.findMany({
        where: after === null ? {} : { key: { gt: String(after) } },
        orderBy: { key: 'asc' },
        take: BATCH,
      }),
    write: (tx: Tx, rows: Awaited<ReturnType<Client['loginThrottle']['findMany']>>) =>
      tx.loginThrottle.createMany({ data: rows }),
    key: (row: { key: string }) => row.key,
  },
] as const

export type Counts = Record<(typeof tables)[number]['name'], number>
export type Progress = (table: string, done: number, total: number) => void

export async function countRows(db: Client): Promise<Counts> {
  const counts = await Promise.all(tables.map((table) => table.count(db)))
  return Object.fromEntries(tables.map((table, index) => [table.name, counts[index]])) as Counts
}

export class TargetNotEmptyError extends Error {}
export class CountMismatchError extends Error {}

/** Copies everything; returns the verified counts (source = copied = target). */
export async function copyDatabase(source: Client, target: Client, progress: Progress): Promise<Counts> {
  const present = await countRows(target)
  const nonEmpty = Object.entries(present).filter(([, count]) => count > 0)
  if (nonEmpty.length > 0)
    throw new TargetNotEmptyError(
      `The target is not empty (${nonEmpty.map(([name, count]) => `${count} ${name}`).join(', ')}); nothing was written.`,
    )
  const expected = await countRows(source)
  const copied = Object.fromEntries(tables.map((table) => [table.name, 0])) as Counts
  await target.$transaction(
    async (tx) => {
      for (const table of tables) {
        const total = expected[table.name]
        progress(table.name, 0, total)
        let after: string | number | null = null
        for (;;) {
          const rows = (await table.read(source, after)) as never[]
          if (rows.length === 0) break
          await table.write(tx, rows)
          copied[table.name] += rows.length
          after = table.key(rows.at(-1)!)
          progress(table.name, copied[table.name], Math.max(total, copied[table.name]))
        }
      }
    },
    { timeout: 24 * 3_600_000, maxWait: 60_000 },
  )
  const written = await countRows(target)
  for (const table of tables) {
    const [want, got, now] = [expected[table.name], copied[table.name], written[table.name]]
    if (want !== got || got !== now)
      throw new CountMismatchError(
        `${table.name}: ${want} in the source at the start, ${got} copied, ${now} in the target. Was the app still running? Stop it, empty the target and copy again.`,
      )
  }
  return written
}
