import type { Source } from './copy-source.ts'
import type { Target } from './copy-target.ts'

// Copies every table of one Doorman database into another, SQLite or PostgreSQL either
// way, rows as they are: token hashes, ids and times unchanged, so the same cookies keep
// working (security events and mail messages are renumbered in their order). Both ends
// are spoken to through their own drivers (copy-source.ts, copy-target.ts): Prisma's
// reads and writes made the copy crawl. The target must be migrated and empty; the copy
// is one transaction on the target, so a failure leaves it empty.

const BATCH = 5_000

// Parents first (sessions reference users). Each table is read in keyset batches of its
// primary key, so memory stays flat whatever its size. Not copied: Guard, whose rows are
// version counters that the app creates on first use (decision 008).
const tables = [
  { name: 'users', table: 'User', key: 'id' },
  { name: 'sessions', table: 'Session', key: 'id' },
  // New ids from the target's own counter, given in the source's order: ids still follow
  // time, and PostgreSQL's sequence stays ahead of them (it does not move for given ids).
  { name: 'security events', table: 'SecurityEvent', key: 'id', renumber: true },
  { name: 'sign-in throttles', table: 'LoginThrottle', key: 'key' },
  { name: 'mail preferences', table: 'MailPreference', key: 'userId' },
  { name: 'sign-in alerts', table: 'SignInAlert', key: 'id' },
  { name: 'mail links', table: 'MailToken', key: 'id' },
  { name: 'mail messages', table: 'MailMessage', key: 'id', renumber: true },
] as const satisfies ReadonlyArray<{ name: string; table: string; key: string; renumber?: true }>

export type Counts = Record<(typeof tables)[number]['name'], number>
export type Progress = (table: string, done: number, total: number) => void

async function countEach(count: (table: (typeof tables)[number]) => Promise<number>): Promise<Counts> {
  const counts = await Promise.all(tables.map(count))
  return Object.fromEntries(tables.map((table, index) => [table.name, counts[index]])) as Counts
}

export class TargetNotEmptyError extends Error {}
export class CountMismatchError extends Error {}

/** Copies everything; returns the verified counts (source = copied = target). */
export async function copyDatabase(source: Source, target: Target, progress: Progress): Promise<Counts> {
  const present = await countEach((table) => target.count(table.table))
  const nonEmpty = Object.entries(present).filter(([, count]) => count > 0)
  if (nonEmpty.length > 0)
    throw new TargetNotEmptyError(
      `The target is not empty (${nonEmpty.map(([name, count]) => `${count} ${name}`).join(', ')}); nothing was written.`,
    )
  const expected = await countEach((table) => source.count(table.table))
  const copied = Object.fromEntries(tables.map((table) => [table.name, 0])) as Counts
  await target.begin()
  try {
    for (const table of tables) {
      const total = expected[table.name]
      progress(table.name, 0, total)
      let rows = await source.read(table.table, table.key, null, BATCH)
      while (rows.length > 0) {
        // The next batch is read while the target stores this one.
        const [, next] = await Promise.all([
          target.insert(table.table, rows, 'renumber' in table ? table.key : undefined),
          source.read(table.table, table.key, rows.at(-1)![table.key], BATCH),
        ])
        copied[table.name] += rows.length
        progress(table.name, copied[table.name], Math.max(total, copied[table.name]))
        rows = next
      }
    }
    await target.commit()
  } catch (error) {
    await target.rollback().catch(() => {})
    throw error
  }
  const written = await countEach((table) => target.count(table.table))
  for (const table of tables) {
    const [want, got, now] = [expected[table.name], copied[table.name], written[table.name]]
    if (want !== got || got !== now)
      throw new CountMismatchError(
        `${table.name}: ${want} in the source at the start, ${got} copied, ${now} in the target. Was the app still running? Stop it, empty the target and copy again.`,
      )
  }
  return written
}
