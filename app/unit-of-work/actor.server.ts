import type { Prisma } from '~/generated/prisma/client.ts'
import type { RejectReason } from '~/session/end-reasons.ts'
import type { Authenticated } from '~/session/guards.server.ts'

/** Who makes a change: a signed-in person, by their user and session. */
export type Actor = { userId: string; sessionId: string }

export const actorOf = (auth: Authenticated): Actor => ({ userId: auth.user.id, sessionId: auth.session.id })

/** The actor lost the right to act while the request was on its way. */
export class ActorLostError extends Error {
  override name = 'ActorLostError'
  constructor(readonly reason: RejectReason | 'not-admin') {
    super(`actor lost: ${reason}`)
  }
}

/**
 * The first statement of the change's transaction: a conditional write on the actor's
 * own session (it sets nothing new) that matches only while the session is active. The
 * write holds the session's row (PostgreSQL) or the database (SQLite) until commit, so a
 * sign-out, disable or role change of this actor is either already visible here (and we
 * refuse) or waits until this change has committed (and then ends the session).
 */
export async function lockActor(tx: Prisma.TransactionClient, actor: Actor, role?: 'admin', now = new Date()) {
  const { count } = await tx.session.updateMany({
    where: {
      id: actor.sessionId,
      userId: actor.userId,
      endedAt: null,
      idleExpiresAt: { gt: now },
      absoluteExpiresAt: { gt: now },
      user: { disabledAt: null },
    },
    data: { endedAt: null },
  })
  if (count === 0) throw new ActorLostError(await whyLost(tx, actor, now))
  if (role) {
    const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { role: true } })
    if (user?.role !== role) throw new ActorLostError('not-admin')
  }
}

async function whyLost(tx: Prisma.TransactionClient, actor: Actor, now: Date): Promise<RejectReason> {
  const row = await tx.session.findFirst({
    where: { id: actor.sessionId, userId: actor.userId },
    select: { endedAt: true, endReason: true, absoluteExpiresAt: true, user: { select: { disabledAt: true } } },
  })
  if (!row) return 'unknown'
  if (row.endedAt) return (row.endReason as RejectReason | null) ?? 'signed-out'
  if (row.user.disabledAt) return 'user-disabled'
  return row.absoluteExpiresAt <= now ? 'absolute-expiry' : 'idle-expiry'
}
