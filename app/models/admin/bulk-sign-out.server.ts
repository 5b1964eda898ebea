import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { ipInRange } from '~/lib/admin/ip-range.ts'
import type { SessionRule } from '~/lib/admin/session-rule.ts'
import { pauseAfterBatch, yieldToEventLoop } from '~/lib/yield.server.ts'
import { adminEnding, type AdminActor } from '~/models/admin/actor.server.ts'
import { BulkSignOutMail } from '~/models/admin/bulk-mail.server.ts'
import { ipRangeExactInSql, ruleCandidates, type Candidate, type RuleScope } from '~/models/admin/sql.server.ts'
import { endSessionsOf } from '~/session/end-sessions.server.ts'

// Bulk sign-outs (by rule, everyone) in bounded batches: read the next few hundred matching
// sessions outside any transaction, end them in one short transaction, pause, repeat. No
// request waits behind the whole job, and a failure loses at most the batch in flight.
// The scope carries a snapshot (sessions signed in after the job's reference time are never
// included), so the result is the same as one big transaction would give; the caller
// records the job as one security event with the totals. Why: docs/decisions/009. Each
// batch's transaction also queues the mail of the people it signed out (bulk-mail.server.ts).

/**
 * Sessions ended per transaction. A request that needs the database waits for the batch in
 * flight, so the batch bounds its delay: 100 take 5-10 ms here now that the WAL checkpoints
 * run in a worker thread (docs/decisions/024); 250 took ~90 ms before, with the checkpoints.
 */
export const BULK_BATCH = 100
/** Sessions read per query (outside transactions, but the read runs on the event loop too). */
const READ_BATCH = 1_000

export type BulkProgress = { count: number; users: number }

/** The CIDR range to check in JS, or null when SQL's prefilter is already exact. */
export function jsRange(rule: SessionRule) {
  return rule.ip && !ipRangeExactInSql(rule.ip) ? rule.ip : null
}

/**
 * Every session the scope matches, in keyset batches of `size`, least recently active
 * first, filtered by the CIDR range where SQL could not be exact. Reads happen outside
 * transactions, with a turn for other requests between batches.
 */
export async function* matchingBatches(scope: RuleScope, size = READ_BATCH): AsyncGenerator<Candidate[]> {
  const range = jsRange(scope.rule)
  let cursor: { lastActiveAt: Date; id: string } | null = null
  for (;;) {
    const rows = await ruleCandidates(scope, cursor, size)
    if (rows.length === 0) return
    const last = rows.at(-1)!
    cursor = { lastActiveAt: new Date(last.lastActiveAt), id: last.id }
    yield range ? rows.filter((row) => ipInRange(row.lastIp, range)) : rows
    // No early stop on a short batch: a session touched after it was read moved past the
    // cursor and is met again by the next read; only an empty read ends the walk.
    await yieldToEventLoop()
  }
}

/**
 * The batch's ids, and the span of last activity they come from. The span is redundant
 * but steers SQLite: without statistics it plans `id IN (…) AND endedAt IS NULL` on the
 * endedAt index and reads every active session for each batch (6.8 s per 5,000 ids at a
 * million sessions); with the span it reads only that slice of the (endedAt, lastActiveAt)
 * index. A session touched since it was read has left the span and the rule's snapshot
 * order: the keyset meets it again later, so it is never skipped.
 */
function batchWhere(batch: Candidate[]): Prisma.SessionWhereInput {
  const times = batch.map((row) => new Date(row.lastActiveAt).getTime())
  return {
    id: { in: batch.map((row) => row.id) },
    lastActiveAt: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) },
  }
}

/**
 * Ends every session `scope` matches (the actor's own excepted), a batch per transaction,
 * which also queues (held) the mail of the people it affects; the mail is released at the
 * end. `onProgress` hears the running totals after each batch. On a failure the error
 * carries the totals so far (`BulkInterrupted`), so the caller can still record what was done.
 */
export async function endInBatches(
  actor: AdminActor,
  scope: RuleScope,
  onProgress?: (progress: BulkProgress) => void,
): Promise<BulkProgress> {
  const ending = adminEnding(actor, 'revoked-by-admin', scope.now)
  const mail = new BulkSignOutMail(actor.id, scope.now)
  let count = 0
  const users = new Set<string>()
  try {
    for await (const candidates of matchingBatches({ ...scope, snapshot: true }, READ_BATCH)) {
      for (let start = 0; start < candidates.length; start += BULK_BATCH) {
        const batch = candidates.slice(start, start + BULK_BATCH)
        const began = performance.now()
        const owners = await db.$transaction(async (tx) => {
          const ended = await endSessionsOf(tx, batchWhere(batch), ending)
          await mail.queue(tx, ended)
          return ended
        })
        count += owners.length
        for (const owner of owners) users.add(owner)
        onProgress?.({ count, users: users.size })
        await pauseAfterBatch(performance.now() - began)
      }
    }
  } catch (error) {
    throw new BulkInterrupted({ count, users: users.size }, error)
  } finally {
    // Held mail would go out by itself after the hold; released now, it goes at once.
    await mail.release().catch((error: unknown) => console.error('bulk sign-out: mail release failed', error))
  }
  return { count, users: users.size }
}

/**
 * `endInBatches`, then `record` (the job's one security event) with the totals. A job that
 * fails part-way is recorded too, with what it did and `interrupted`, then the error goes on.
 */
export async function signOutInBatches(
  actor: AdminActor,
  scope: RuleScope,
  record: (done: BulkProgress, interrupted: boolean) => Promise<unknown>,
  onProgress?: (progress: BulkProgress) => void,
) {
  try {
    const done = await endInBatches(actor, scope, onProgress)
    await record(done, false)
    return done
  } catch (error) {
    if (!(error instanceof BulkInterrupted)) throw error
    if (error.done.count > 0) await record(error.done, true).catch(() => {})
    throw error.cause
  }
}

/** A bulk job that failed part-way: what it had done, and why it stopped. */
export class BulkInterrupted extends Error {
  override name = 'BulkInterrupted'
  constructor(
    readonly done: BulkProgress,
    override readonly cause: unknown,
  ) {
    super(`The bulk sign-out stopped after ${done.count} session(s): ${String(cause)}`)
  }
}
