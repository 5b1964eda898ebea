import type { SessionRule } from '~/lib/admin/session-rule.ts'
import type { ActionResult, AdminActor } from '~/models/admin/actor.server.ts'
import type { BulkProgress } from '~/models/admin/bulk-sign-out.server.ts'
import { revokeEveryone } from '~/models/admin/everyone.server.ts'
import { revokeByRule } from '~/models/admin/rules.server.ts'
import { adminRevokeAll, adminRevokeSession } from '~/models/admin/user-sessions.server.ts'
import { setUserDisabled, setUserRole } from '~/models/admin/user-status.server.ts'
import { ADMIN_ACTIONS_GUARD } from '~/models/guard.server.ts'
import type { Role } from '~/models/user.server.ts'
import type { Actor } from '~/unit-of-work/actor.server.ts'
import { act, type Tx } from '~/unit-of-work/transaction.server.ts'

// Admin actions as units of work: the admin guard row first (admin actions queue on it,
// which keeps the last-admin check exact and two admins' actions from deadlocking), then
// the acting admin is re-checked (session active, account enabled, still an admin), then
// the change. The command line (commandLineActor, no session) is not re-checked.

const actorOfAdmin = (actor: AdminActor): Actor | null =>
  actor.id ? { userId: actor.id, sessionId: actor.sessionId } : null

function asAdmin(actor: AdminActor, work: (tx: Tx) => Promise<ActionResult>) {
  return act(actorOfAdmin(actor), work, { role: 'admin', guard: ADMIN_ACTIONS_GUARD })
}

export const revokeUserSession = (actor: AdminActor, userId: string, sessionId: string) =>
  asAdmin(actor, (tx) => adminRevokeSession(tx, actor, userId, sessionId))

export const revokeUserSessions = (actor: AdminActor, userId: string) =>
  asAdmin(actor, (tx) => adminRevokeAll(tx, actor, userId))

export const setDisabled = (actor: AdminActor, userId: string, disabled: boolean) =>
  asAdmin(actor, (tx) => setUserDisabled(tx, actor, userId, disabled))

export const setRole = (actor: AdminActor, userId: string, role: Role) =>
  asAdmin(actor, (tx) => setUserRole(tx, actor, userId, role))

/**
 * The bulk sign-outs run their own (batched) transactions; the acting admin is re-checked
 * in a short transaction just before they start.
 */
async function stillAdmin(actor: AdminActor) {
  await act(actorOfAdmin(actor), async () => undefined, { role: 'admin' })
}

type Progress = { onProgress?: (progress: BulkProgress) => void }

/** Bulk jobs run in short batches (bulk-sign-out.server.ts); the actor is checked first. */
export async function signOutByRule(actor: AdminActor, rule: SessionRule, at: Date, options: Progress = {}) {
  await stillAdmin(actor)
  return revokeByRule(actor, rule, at, options)
}

export async function signOutEveryone(actor: AdminActor, options: Progress = {}) {
  await stillAdmin(actor)
  return revokeEveryone(actor, options)
}
