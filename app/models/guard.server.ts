import type { Prisma } from '~/generated/prisma/client.ts'

// Guard rows serialize the transactions that could break an invariant spanning rows,
// such as "at least one active administrator" (docs/decisions/008-invariants-and-floods.md).

/** The guard every admin action on users writes first (and the last-admin check relies on). */
export const ADMIN_ACTIONS_GUARD = 'admin-actions'

/**
 * Writes the guard row `name` (creating it on first use). On SQLite the write takes the
 * database's write lock; on PostgreSQL the row's lock: either way, a second transaction
 * that writes the same guard waits until the first commits, and what it reads after the
 * write includes what the first committed (READ COMMITTED takes a new snapshot per
 * statement; SQLite has one writer). Write it first in the transaction, before other
 * rows are locked, so that two guarded transactions cannot deadlock.
 */
export async function writeGuard(tx: Prisma.TransactionClient, name: string) {
  await tx.guard.upsert({ where: { name }, create: { name, version: 1 }, update: { version: { increment: 1 } } })
}
