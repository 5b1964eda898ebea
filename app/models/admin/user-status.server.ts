import type { Prisma } from '~/generated/prisma/client.ts'
import { queueAccountStatus, queueRoleChanged } from '~/mail/notify.server.ts'
import { adminEnding, adminEventBase, type ActionResult, type AdminActor } from '~/models/admin/actor.server.ts'
import { ADMIN_ACTIONS_GUARD, writeGuard } from '~/models/guard.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import type { Role } from '~/models/user.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'

// Disabling, enabling and changing a user's role. Each ends the user's sessions where the
// change calls for it, none may leave Doorman without an active administrator, and each
// queues its mail to the person in the same transaction (always sent: decision 019).

type Target = { id: string; email: string; role: string; disabledAt: Date | null }

/**
 * Whether `user` is the only administrator who can still sign in. Read inside the
 * change's transaction after its guard row was written (app/unit-of-work/admin.server.ts),
 * so two admins demoting or disabling each other at once cannot both pass it, on SQLite
 * or PostgreSQL (docs/decisions/008-invariants-and-floods.md).
 */
async function isLastActiveAdmin(tx: Prisma.TransactionClient, user: Target) {
  if (user.role !== 'admin' || user.disabledAt) return false
  await writeGuard(tx, ADMIN_ACTIONS_GUARD) // already held when the unit of work took it first
  return (await tx.user.count({ where: { role: 'admin', disabledAt: null, id: { not: user.id } } })) === 0
}

const lastAdmin = (user: Target): ActionResult => ({
  ok: false,
  status: 409,
  message: `${user.email} is the last active administrator, so they cannot be demoted or disabled. Make another user an administrator first.`,
})

async function findTarget(tx: Prisma.TransactionClient, userId: string) {
  return tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabledAt: true } })
}

const noSuchUser: ActionResult = { ok: false, status: 404, message: 'No such user.' }
const sessions = (count: number) => `${count} session${count === 1 ? '' : 's'}`

/** Disables (and signs out everywhere) or enables a user, in the caller's transaction. */
export async function setUserDisabled(
  tx: Prisma.TransactionClient,
  actor: AdminActor,
  userId: string,
  disabled: boolean,
): Promise<ActionResult> {
  const now = new Date()
  const user = await findTarget(tx, userId)
  if (!user) return noSuchUser
  if (Boolean(user.disabledAt) === disabled)
    return { ok: true, message: `${user.email} is already ${disabled ? 'disabled' : 'enabled'}.` }
  if (disabled && (await isLastActiveAdmin(tx, user))) return lastAdmin(user)
  await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? now : null } })
  if (!disabled) {
    await recordEvent(tx, {
      type: 'user-enabled',
      ...adminEventBase(actor),
      targetUserId: user.id,
      details: { by: 'admin' },
    })
    await queueAccountStatus(tx, user, 'enabled', now)
    return { ok: true, message: `Enabled ${user.email}: they can sign in again.` }
  }
  const ended = await endSessions(tx, { userId: user.id }, adminEnding(actor, 'user-disabled', now))
  await recordEvent(tx, {
    type: 'user-disabled',
    ...adminEventBase(actor),
    targetUserId: user.id,
    details: { by: 'admin', endedSessions: ended },
  })
  await queueAccountStatus(tx, user, 'disabled', now)
  return {
    ok: true,
    message: `Disabled ${user.email} and signed out ${sessions(ended)}.`,
    endedOwnSession: user.id === actor.id,
  }
}

/** Changes a user's role (and ends their sessions), in the caller's transaction. */
export async function setUserRole(
  tx: Prisma.TransactionClient,
  actor: AdminActor,
  userId: string,
  role: Role,
): Promise<ActionResult> {
  const now = new Date()
  const user = await findTarget(tx, userId)
  if (!user) return noSuchUser
  if (user.role === role) return { ok: true, message: `${user.email} already has the ${role} role.` }
  if (role !== 'admin' && (await isLastActiveAdmin(tx, user))) return lastAdmin(user)
  await tx.user.update({ where: { id: user.id }, data: { role } })
  // A new role takes effect on a fresh sign-in, so that no session keeps powers it was not granted with.
  const ended = await endSessions(tx, { userId: user.id }, adminEnding(actor, 'role-change', now))
  await recordEvent(tx, {
    type: 'role-changed',
    ...adminEventBase(actor),
    targetUserId: user.id,
    details: { by: 'admin', role, from: user.role, endedSessions: ended },
  })
  await queueRoleChanged(tx, user, role, now)
  return {
    ok: true,
    message: `${user.email} now has the ${role} role; ${sessions(ended)} signed out.`,
    endedOwnSession: user.id === actor.id,
  }
}
