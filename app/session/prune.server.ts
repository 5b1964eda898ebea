import { db } from '~/db.server.ts'
import { env } from '~/env.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { endSessions } from '~/session/end-sessions.server.ts'

// Housekeeping: marks sessions that expired without another request as ended (so the
// history says so), deletes ended sessions past the retention period, and forgets old
// sign-in throttle counters. It works in small batches so that no single write holds
// SQLite's lock for long (a batch of 250 takes about 25 ms here; see `npm run bench`).

export type PruneProgress = { expired: number; deleted: number; throttles: number }
export const PRUNE_BATCH = 250

async function inBatches(where: Prisma.SessionWhereInput, apply: (ids: string[]) => Promise<number>, onBatch: (n: number) => void) {
  let total = 0
  for (;;) {
    const ids = (await db.session.findMany({ where, select: { id: true }, take: PRUNE_BATCH })).map((row) => row.id)
    if (ids.length === 0) return total
    const done = await apply(ids)
    total += done
    onBatch(done)
    if (ids.length < PRUNE_BATCH || done === 0) return total
  }
}

export async function pruneSessions(options: { now?: Date; onProgress?: (progress: PruneProgress) => void } = {}) {
  const now = options.now ?? new Date()
  const progress: PruneProgress = { expired: 0, deleted: 0, throttles: 0 }
  const report = () => options.onProgress?.({ ...progress })
  const expire = (where: Prisma.SessionWhereInput, reason: 'idle-expiry' | 'absolute-expiry') =>
    inBatches(
      { endedAt: null, ...where },
      (ids) => db.$transaction((tx) => endSessions(tx, { id: { in: ids } }, { reason, now })),
      (n) => {
        progress.expired += n
        report()
      },
    )
  await expire({ absoluteExpiresAt: { lte: now } }, 'absolute-expiry')
  await expire({ idleExpiresAt: { lte: now } }, 'idle-expiry')
  const cutoff = new Date(now.getTime() - env().ENDED_SESSION_RETENTION)
  await inBatches(
    { endedAt: { lt: cutoff } },
    async (ids) => (await db.session.deleteMany({ where: { id: { in: ids } } })).count,
    (n) => {
      progress.deleted += n
      report()
    },
  )
  const staleThrottles = await db.loginThrottle.deleteMany({
    where: { lastFailureAt: { lt: new Date(now.getTime() - 86_400_000) }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
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
