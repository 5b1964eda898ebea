import { db } from '~/db.server.ts'
import { placeText } from '~/mail/place.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { revokeOwnSession } from '~/unit-of-work/devices.server.ts'

// The in-app side of new-sign-in alerts: "Was this you?" on /devices, answered from
// another device. The session the alert is about never sees it (a thief must not be
// able to say "yes, it was me").

const SHOWN_FOR_MS = 30 * 86_400_000

export async function listSignInNotices(auth: Authenticated, now = new Date()) {
  const alerts = await db.signInAlert.findMany({
    where: {
      userId: auth.user.id,
      answeredAt: null,
      sessionId: { not: auth.session.id },
      createdAt: { gt: new Date(now.getTime() - SHOWN_FOR_MS) },
    },
    orderBy: { createdAt: 'desc' },
    take: 10,
  })
  const sessions = await db.session.findMany({ where: { id: { in: alerts.map((alert) => alert.sessionId) } } })
  const byId = new Map(sessions.map((session) => [session.id, session]))
  return alerts.flatMap((alert) => {
    const session = byId.get(alert.sessionId)
    if (!session) return []
    return [
      {
        id: alert.id,
        device: deviceLabel(session),
        where: placeText(session),
        at: session.createdAt,
        stillSignedIn: session.endedAt === null,
      },
    ]
  })
}

/** Records the answer; "not me" also signs that device out. Null when no such open alert. */
export async function answerSignInNotice(auth: Authenticated, alertId: string, answer: 'me' | 'not-me', ip: string) {
  const alert = await db.signInAlert.findFirst({
    where: { id: alertId, userId: auth.user.id, answeredAt: null, sessionId: { not: auth.session.id } },
  })
  if (!alert) return null
  const marked = await db.signInAlert.updateMany({
    where: { id: alert.id, answeredAt: null },
    data: { answer, answeredAt: new Date() },
  })
  if (marked.count === 0) return null
  if (answer === 'me') return { revoked: null }
  const revoked = await revokeOwnSession(auth, alert.sessionId, ip)
  await recordEvent(db, {
    type: 'sign-in-not-me',
    actorId: auth.user.id,
    targetUserId: auth.user.id,
    sessionId: alert.sessionId,
    ip,
    device: deviceLabel(auth.session),
    details: { revoked: revoked?.label ?? 'a device', via: 'devices page' },
  })
  return { revoked: revoked?.label ?? null }
}
