import type { Prisma } from '~/generated/prisma/client.ts'
import { queueAdminSignOut } from '~/mail/notify.server.ts'
import { adminEnding, adminEventBase, type ActionResult, type AdminActor } from '~/models/admin/actor.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel, deviceLabelFields } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'

// An admin signing out one user's sessions. Every query is scoped by that user's id, so
// a session id of someone else (or an ended or made-up one) matches nothing. The person
// is told by mail, queued in the same transaction (unless they turned it off).

const recipient = (tx: Prisma.TransactionClient, userId: string) =>
  tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } })

const labelSelect = deviceLabelFields

/** Ends one of the user's active sessions (404 when it is not one), in the caller's transaction. */
export async function adminRevokeSession(
  tx: Prisma.TransactionClient,
  actor: AdminActor,
  userId: string,
  sessionId: string,
): Promise<ActionResult> {
  const now = new Date()
  const target = await tx.session.findFirst({
    where: { id: sessionId, userId, ...activeSessionWhere(now) },
    select: labelSelect,
  })
  if (!target) return { ok: false, status: 404, message: 'No such session: it is not an active session of this user.' }
  await endSessions(tx, { id: target.id, userId }, adminEnding(actor, 'revoked-by-admin', now))
  const revoked = deviceLabel(target)
  await recordEvent(tx, {
    type: 'session-revoked',
    ...adminEventBase(actor),
    targetUserId: userId,
    sessionId: target.id,
    details: { by: 'admin', scope: 'one', count: 1, revoked },
  })
  await queueAdminSignOut(tx, await recipient(tx, userId), { device: revoked }, actor.id, now)
  return { ok: true, message: `Signed out ${revoked}.`, endedOwnSession: target.id === actor.sessionId }
}

/** Ends every active session of the user (the admin's own too, when it is theirs), in the caller's transaction. */
export async function adminRevokeAll(
  tx: Prisma.TransactionClient,
  actor: AdminActor,
  userId: string,
): Promise<ActionResult> {
  const now = new Date()
  const count = await endSessions(
    tx,
    { userId, ...activeSessionWhere(now) },
    adminEnding(actor, 'revoked-by-admin', now),
  )
  if (count === 0) return { ok: true, message: 'No session of this user was active.' }
  await recordEvent(tx, {
    type: 'sessions-revoked',
    ...adminEventBase(actor),
    targetUserId: userId,
    details: { by: 'admin', scope: 'all', count },
  })
  await queueAdminSignOut(tx, await recipient(tx, userId), { count }, actor.id, now)
  return {
    ok: true,
    message: `Signed out ${count} session${count === 1 ? '' : 's'}.`,
    endedOwnSession: userId === actor.id,
  }
}
