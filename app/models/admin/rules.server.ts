import { db } from '~/db.server.ts'
import { describeRule, ruleToFields, type SessionRule } from '~/lib/admin/session-rule.ts'
import { adminEventBase, type AdminActor } from '~/models/admin/actor.server.ts'
import { jsRange, matchingBatches, signOutInBatches, type BulkProgress } from '~/models/admin/bulk-sign-out.server.ts'
import { sampleSessions } from '~/models/admin/session-sample.server.ts'
import { countRuleMatches, ruleCandidates, type RuleScope } from '~/models/admin/sql.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'

// Bulk sign-out by rule. SQL applies every rule it can (and an IP prefilter); a CIDR
// range that SQL cannot express exactly is checked here, over keyset batches, so memory
// stays flat however many sessions match. Preview and sign-out share this code, so they
// agree on what matches.

export const SAMPLE_SIZE = 10

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
  for await (const batch of matchingBatches(scope)) {
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
 * sessions signed in after the preview are never swept up. It runs in short batches
 * (bulk-sign-out.server.ts); one event records the totals, also when it stops part-way.
 */
export async function revokeByRule(
  actor: AdminActor,
  rule: SessionRule,
  at: Date,
  options: { onProgress?: (progress: BulkProgress) => void } = {},
) {
  const now = new Date()
  const scope: RuleScope = {
    rule,
    at: at > now ? now : at,
    now,
    except: { sessionId: actor.sessionId, userId: actor.id ?? '' },
  }
  const record = (done: BulkProgress, interrupted: boolean) =>
    recordEvent(db, {
      type: 'admin-revoked-by-rule',
      ...adminEventBase(actor),
      details: {
        by: 'admin',
        count: done.count,
        users: done.users,
        rule: ruleToFields(rule),
        description: describeRule(rule),
        ...(interrupted ? { interrupted: true } : {}),
      },
    })
  return signOutInBatches(actor, scope, record, options.onProgress)
}
