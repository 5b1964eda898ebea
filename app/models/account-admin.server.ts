import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import type { Role } from '~/models/user.server.ts'
import type { EndReason } from '~/session/end-reasons.ts'
import { endSessions } from '~/session/end-sessions.server.ts'

// Account changes made by an administrator or the command line. Each ends the sessions
// it must and records one security event, in one transaction.

/** Who acts: an admin's user and session ids, or null ids for the command line. */
export type Actor = { id: string | null; sessionId?: string | null; ip?: string | null; via?: 'admin' | 'cli' }

export class LastAdminError extends Error {
  constructor() {
    super('This is the last active administrator: promote someone else first.')
  }
}

async function assertNotLastAdmin(tx: Prisma.TransactionClient, userId: string) {
  const others = await tx.user.count({ where: { role: 'admin', disabledAt: null, id: { not: userId } } })
  if (others === 0) throw new LastAdminError()
}

const ending = (actor: Actor, reason: EndReason) => ({
  reason,
  actorId: actor.id,
  actorLabel: actor.via === 'cli' ? 'The command line' : 'An administrator',
})

function eventBase(actor: Actor, targetUserId: string) {
  return { actorId: actor.id, targetUserId, sessionId: actor.sessionId ?? null, ip: actor.ip ?? null }
}

/** Changes a role; the user's sessions end so that the new role applies at once. */
export async function setUserRole(userId: string, role: Role, actor: Actor) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } })
    if (user.role === role) return 0
    if (user.role === 'admin' && !user.disabledAt) await assertNotLastAdmin(tx, userId)
    await tx.user.update({ where: { id: userId }, data: { role } })
    const ended = await endSessions(tx, { userId }, ending(actor, 'role-change'))
    await recordEvent(tx, {
      type: 'role-changed',
      ...eventBase(actor, userId),
      details: { by: actor.via ?? 'admin', role, from: user.role, endedSessions: ended },
    })
    return ended
  })
}

/** Disabling ends every session and refuses sign-in; enabling lets the user back in. */
export async function setUserDisabled(userId: string, disabled: boolean, actor: Actor) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } })
    if (Boolean(user.disabledAt) === disabled) return 0
    if (disabled && user.role === 'admin') await assertNotLastAdmin(tx, userId)
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } })
    const ended = disabled ? await endSessions(tx, { userId }, ending(actor, 'user-disabled')) : 0
    await recordEvent(tx, {
      type: disabled ? 'user-disabled' : 'user-enabled',
      ...eventBase(actor, userId),
      details: { by: actor.via ?? 'admin', endedSessions: ended },
    })
    return ended
  })
}

/** Ends all of one user's sessions. */
export async function endAllSessionsOf(userId: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const ended = await endSessions(tx, { userId }, ending(actor, 'revoked-by-admin'))
    await recordEvent(tx, {
      type: 'sessions-revoked',
      ...eventBase(actor, userId),
      details: { by: 'admin', scope: 'all', count: ended },
    })
    return ended
  })
}

/** Ends every session of every user, except the acting admin's own current one. */
export async function endEveryonesSessions(actor: Actor) {
  return db.$transaction(async (tx) => {
    const keep = actor.sessionId ? { id: { not: actor.sessionId } } : {}
    const ended = await endSessions(tx, keep, ending(actor, 'revoked-by-admin'))
    await recordEvent(tx, {
      type: 'admin-revoked-everyone',
      ...eventBase(actor, actor.id ?? ''),
      targetUserId: null,
      details: { by: actor.via ?? 'admin', count: ended },
    })
    return ended
  })
}
