import { db } from '~/db.server.ts'
import { adminEventBase, type AdminActor } from '~/models/admin/actor.server.ts'
import { signOutInBatches, type BulkProgress } from '~/models/admin/bulk-sign-out.server.ts'
import { countRuleMatches } from '~/models/admin/sql.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'

// "Sign out everyone": every active session of every user, but the acting admin's own.

/** What signing out everyone would end now: sessions, and the people they belong to. */
export function previewEveryone(except: { sessionId: string; userId: string }, now = new Date()) {
  return countRuleMatches({ rule: {}, at: now, now, except })
}

/**
 * Ends every session active when it starts (sessions signed in later are left alone), in
 * short batches (bulk-sign-out.server.ts); one event records the totals.
 */
export async function revokeEveryone(
  actor: AdminActor,
  options: { onProgress?: (progress: BulkProgress) => void } = {},
) {
  const now = new Date()
  const except = { sessionId: actor.sessionId, userId: actor.id ?? '' }
  const record = (done: BulkProgress, interrupted: boolean) =>
    recordEvent(db, {
      type: 'admin-revoked-everyone',
      ...adminEventBase(actor),
      details: { by: 'admin', count: done.count, users: done.users, ...(interrupted ? { interrupted: true } : {}) },
    })
  return signOutInBatches(actor, { rule: {}, at: now, now, except }, record, options.onProgress)
}
