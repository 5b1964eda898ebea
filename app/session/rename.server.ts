import { db } from '~/db.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel } from '~/session/device.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'

/** Names one of the user's own active devices; an empty label restores the parsed name. */
export async function renameOwnSession(auth: Authenticated, sessionId: string, label: string, ip: string) {
  return db.$transaction(async (tx) => {
    const updated = await tx.session.updateMany({
      where: { id: sessionId, userId: auth.user.id, ...activeSessionWhere(new Date()) },
      data: { label: label === '' ? null : label },
    })
    if (updated.count === 0) return false
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
