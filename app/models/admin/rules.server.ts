import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { ipInRange } from '~/lib/admin/ip-range.ts'
import { describeRule, ruleToFields, type SessionRule } from '~/lib/admin/session-rule.ts'
import { adminEnding, adminEventBase, type AdminActor } from '~/models/admin/actor.server.ts'
import { sampleSessions } from '~/models/admin/session-sample.server.ts'
import {
  countRuleMatches,
  ipRangeExactInSql,
  ruleCandidates,
  type Candidate,
  type RuleScope,
} from '~/models/admin/sql.server.ts'
import { yieldToEventLoop } from '~/lib/yield.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'

// Bulk sign-out by rule. SQL applies every rule it can (and an IP prefilter); a CIDR
// range that SQL cannot express exactly is checked here, over keyset batches, so memory
// stays flat however many sessions match. Preview and sign-out share this code, so they
// agree on what matches.

const BATCH = 5_000
export const SAMPLE_SIZE = 10
// Ending hundreds of thousands of sessions rewrites as many rows; Prisma's 5 s default
// transaction timeout would abort that halfway (and roll it back).
export const BULK_TRANSACTION = { timeout: 10 * 60_000, maxWait: 30_000 }

type Client = Prisma.TransactionClient | typeof db

/** The CIDR range to check in JS, or null when SQL's prefilter is already exact. */
function jsRange(rule: SessionRule) {
  return rule.ip && !ipRangeExactInSql(rule.ip) ? rule.ip : null
}

async function* matchingBatches(scope: RuleScope, client: Client): AsyncGenerator<Candidate[]> {
  const range = jsRange(scope.rule)
  let cursor: { lastActiveAt: Date; id: string } | null = null
  for (;;) {
    const rows = await ruleCandidates(scope, cursor, BATCH, client)
    if (rows.length === 0) return
    const last = rows.at(-1)!
    cursor = { lastActiveAt: new Date(last.lastActiveAt), id: last.id }
    yield range ? rows.filter((row) => ipInRange(row.lastIp, range)) : rows
    if (rows.length < BATCH) return
    // Outside a transaction only: Prisma's SQLite adapter runs other requests' queries on
    // the same connection, so letting them in mid-transaction would put them inside it.
    if (client === db) await yieldToEventLoop()
  }
}

/**
 * The batch's ids, and the span of last activity they come from. The span is redundant
 * but steers SQLite: without statistics it plans `id IN (…) AND endedAt IS NULL` on the
 * endedAt index and reads every active session for each batch (6.8 s per 5,000 ids at a
 * million sessions); with the span it reads only that slice of the (endedAt, lastActiveAt)
 * index. Batches come least recently active first, so the slices do not overlap.
 */
function batchWhere(batch: Candidate[]): Prisma.SessionWhereInput {
  const times = batch.map((row) => new Date(row.lastActiveAt).getTime())
  return {
    id: { in: batch.map((row) => row.id) },
    lastActiveAt: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) },
  }
}

export type RulePreview = Awaited<ReturnType<typeof previewRule>>

/** Exactly how many sessions and users the rule matches now, and the first few of them. */
export async function previewRule(rule: SessionRule, options: { except: RuleScope['except']; now?: Date }) {
  const now = options.now ?? new Date()
  const scope: RuleScope = { rule, at: now, now, except: options.except }
  if (!jsRange(rule)) {
    const [counts, first] = await Promise.all([countRuleMatches(scope), ruleCandidates(scope, null, SAMPLE_SIZE)])
    return { ...counts, sample: await sampleSessions(first.map((row) => row.id)), at: now }
  }
  let sessions = 0
  const users = new Set<string>()
  const sampleIds: string[] = []
  for await (const batch of matchingBatches(scope, db)) {
    sessions += batch.length
    for (const row of batch) {
      users.add(row.userId)
      if (sampleIds.length < SAMPLE_SIZE) sampleIds.push(row.id)
    }
  }
  return { sessions, users: users.size, sample: await sampleSessions(sampleIds), at: now }
}

/**
 * Ends the sessions the rule matched at `at` (the preview's time) and still matches:
 * sessions signed in after the preview are never swept up. One event records it all.
 */
export async function revokeByRule(actor: AdminActor, rule: SessionRule, at: Date) {
  const now = new Date()
  const scope: RuleScope = {
    rule,
    at: at > now ? now : at,
    now,
    except: { sessionId: actor.sessionId, userId: actor.id ?? '' },
  }
  return db.$transaction(async (tx) => {
    let count = 0
    const users = new Set<string>()
    for await (const batch of matchingBatches(scope, tx)) {
      if (batch.length === 0) continue
      count += await endSessions(tx, batchWhere(batch), adminEnding(actor, 'revoked-by-admin', now))
      for (const row of batch) users.add(row.userId)
    }
    await recordEvent(tx, {
      type: 'admin-revoked-by-rule',
      ...adminEventBase(actor),
      details: { by: 'admin', count, users: users.size, rule: ruleToFields(rule), description: describeRule(rule) },
    })
    return { count, users: users.size }
  }, BULK_TRANSACTION)
}
