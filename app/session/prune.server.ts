import { db } from '~/db.server.ts'
import { env } from '~/env.server.ts'
import { pauseAfterBatch } from '~/lib/yield.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { endSessions } from '~/session/end-sessions.server.ts'

// Housekeeping: marks sessions that expired without another request as ended (so the
// history says so), deletes ended sessions past the retention period, and forgets old
// sign-in throttle counters. It works in small batches so that no single write holds
// SQLite's lock for long (a batch of 250 takes about 25 ms here; see `npm run bench`).

export type PruneProgress = { expired: number; deleted: number; throttles: number }
export const PRUNE_BATCH = 250

type Batch = { ids: string[]; range: Prisma.SessionWhereInput }
type OrderField = 'lastActiveAt' | 'absoluteExpiresAt' | 'endedAt'

/** Walks matching sessions in index order, a batch at a time; `range` bounds the batch. */
async function inBatches(
  where: Prisma.SessionWhereInput,
  field: OrderField,
  apply: (batch: Batch) => Promise<number>,
  onBatch: (n: number) => void,
) {
  let total = 0
  for (;;) {
    const started = performance.now()
    const rows = await db.session.findMany({
      where,
      select: { id: true, [field]: true } as { id: true; lastActiveAt: true },
      orderBy: { [field]: 'asc' },
      take: PRUNE_BATCH,
    })
    if (rows.length === 0) return total
    const at = (row: (typeof rows)[number]) => (row as unknown as Record<OrderField, Date>)[field]
    const range = { [field]: { gte: at(rows[0]!), lte: at(rows.at(-1)!) } }
    const done = await apply({ ids: rows.map((row) => row.id), range })
    total += done
    onBatch(done)
    // Waiting requests (and, on SQLite, other processes wanting the write lock) get a turn.
    await pauseAfterBatch(performance.now() - started)
    if (rows.length < PRUNE_BATCH || done === 0) return total
  }
}

export async function pruneSessions(options: { now?: Date; onProgress?: (progress: PruneProgress) => void } = {}) {
  const now = options.now ?? new Date()
  const progress: PruneProgress = { expired: 0, deleted: 0, throttles: 0 }
  const report = () => options.onProgress?.({ ...progress })
  const expire = (where: Prisma.SessionWhereInput, field: OrderField, reason: 'idle-expiry' | 'absolute-expiry') =>
    inBatches(
      { endedAt: null, ...where },
      field,
      // The range steers SQLite onto a bounded index scan; with the id list alone it may
      // plan on (endedAt) and read every active session for each batch.
      ({ ids, range }) => db.$transaction((tx) => endSessions(tx, { id: { in: ids }, ...range }, { reason, now })),
      (n) => {
        progress.expired += n
        report()
      },
    )
  // Absolute first (as in validation: a session past both limits reached its lifetime).
  await expire({ absoluteExpiresAt: { lte: now } }, 'absoluteExpiresAt', 'absolute-expiry')
  // Idle-expired sessions are the least recently active, so each batch is found at the
  // start of the (endedAt, lastActiveAt) index.
  await expire({ idleExpiresAt: { lte: now } }, 'lastActiveAt', 'idle-expiry')
  const cutoff = new Date(now.getTime() - env().ENDED_SESSION_RETENTION)
  await inBatches(
    { endedAt: { lt: cutoff } },
    'endedAt',
    async ({ ids }) => (await db.session.deleteMany({ where: { id: { in: ids } } })).count,
    (n) => {
      progress.deleted += n
      report()
    },
  )
  const staleThrottles = await db.loginThrottle.deleteMany({
    where: {
      lastFailureAt: { lt: new Date(now.getTime() - 86_400_000) },
      OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }],
    },
  })
  progress.throttles = staleThrottles.count
  report()
  return progress
}

const key = Symbol.for('doorman.prune-timer')
const global = globalThis as { [key]?: NodeJS.Timeout }

/** Runs pruning every PRUNE_INTERVAL in this process (idempotent across instances). */
export function startPruneTimer() {
  if (global[key]) return
  const run = () => pruneSessions().catch((error: unknown) => console.error('session pruning failed', error))
  global[key] = setInterval(run, env().PRUNE_INTERVAL)
  global[key].unref()
  setTimeout(run, 5_000).unref()
}

export function stopPruneTimer() {
  clearInterval(global[key])
  delete global[key]
}
