import { db } from '~/db.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { normalizeEmail } from '~/models/user.server.ts'
import { deviceLabel, parseDevice } from '~/session/device.ts'
import { sessionCookieFor } from '~/session/reauth.server.ts'
import { createSession, type ClientInfo } from '~/session/session.server.ts'

/** Starts a new session for a verified user and returns the cookie that carries it. */
export async function signIn(userId: string, persistent: boolean, client: ClientInfo) {
  const { token, session } = await createSession({ userId, persistent, client })
  return { session, setCookie: await sessionCookieFor(session, token) }
}

/** Records a failed sign-in; against the account when the email belongs to one. */
export async function recordSignInFailure(email: string, client: ClientInfo, why: 'wrong-credentials' | 'disabled') {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true } })
  await recordEvent(db, {
    type: 'sign-in-failed',
    targetUserId: user?.id ?? null,
    ip: client.ip,
    device: deviceLabel(parseDevice(client.userAgent, client.hints)),
    // Only what identifies an existing account (its id, above): never what was typed.
    details: { why },
  })
}
