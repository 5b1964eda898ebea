import type { Prisma } from '~/generated/prisma/client.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel, deviceLabelFields } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { liveBus } from '~/session/live/live-bus.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'
import { actorOf } from '~/unit-of-work/actor.server.ts'
import { act } from '~/unit-of-work/transaction.server.ts'

// What people do on "Your devices": sign devices out, name them. Every query is scoped by
// the owner's id, so another user's session id (or an ended or made-up one) matches
// nothing; and each runs as the owner's unit of work, so a session signed out while its
// request was on the way changes nothing.

type Scope = 'one' | 'others' | 'all'

function revokeWhere(auth: Authenticated, where: Prisma.SessionWhereInput, scope: Scope, ip: string) {
  const now = new Date()
  const byDevice = deviceLabel(auth.session)
  return act(actorOf(auth), async (tx) => {
    const targets = await tx.session.findMany({
      where: { AND: [where, { userId: auth.user.id }, activeSessionWhere(now)] },
      select: deviceLabelFields,
    })
    if (targets.length === 0) return []
    const ids = targets.map((target) => target.id)
    await endSessions(
      tx,
      { id: { in: ids }, userId: auth.user.id },
      { reason: 'revoked-by-user', actorId: auth.user.id, actorLabel: byDevice, now },
    )
    await recordEvent(tx, {
      type: scope === 'one' ? 'session-revoked' : 'sessions-revoked',
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      sessionId: scope === 'one' ? ids[0] : auth.session.id,
      ip,
      device: byDevice,
      details: {
        scope,
        by: 'user',
        count: ids.length,
        ...(scope === 'one' ? { revoked: deviceLabel(targets[0]!) } : {}),
      },
    })
    return targets.map((target) => ({ id: target.id, label: deviceLabel(target) }))
  })
}

/** Signs out one of the user's devices; null when no such active device is theirs. */
export async function revokeOwnSession(auth: Authenticated, sessionId: string, ip: string) {
  const [revoked] = await revokeWhere(auth, { id: sessionId }, 'one', ip)
  return revoked ?? null
}

/** Signs out every device but this one. */
export async function revokeOtherSessions(auth: Authenticated, ip: string) {
  return (await revokeWhere(auth, { id: { not: auth.session.id } }, 'others', ip)).length
}

/** Signs out every device, this one included. */
export async function revokeAllSessions(auth: Authenticated, ip: string) {
  return (await revokeWhere(auth, {}, 'all', ip)).length
}

/** Names one of the user's own active devices; an empty label restores the parsed name. */
export function renameOwnSession(auth: Authenticated, sessionId: string, label: string, ip: string) {
  return act(actorOf(auth), async (tx) => {
    const updated = await tx.session.updateMany({
      where: { id: sessionId, userId: auth.user.id, ...activeSessionWhere(new Date()) },
      data: { label: label === '' ? null : label },
    })
    if (updated.count === 0) return false
    // The user's other open pages show the new name; the message leaves only if this commits.
    await liveBus.publish(tx, [auth.user.id], { listChanged: true })
    await recordEvent(tx, {
      type: 'session-renamed',
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      sessionId,
      ip,
      device: deviceLabel(auth.session),
      details: { label },
    })
    return true
  })
}
