import { redirect, type AppLoadContext } from '@remix-run/node'
import { db } from '~/db.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { recordFailure, retryAfterSeconds } from '~/models/login-throttle.server.ts'
import { verifyPassword } from '~/models/password.server.ts'
import { serializeSessionCookie } from '~/session/cookie.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { isRecentlyAuthenticated, type Authenticated } from '~/session/guards.server.ts'
import { generateSessionToken, hashSessionToken } from '~/session/token.server.ts'

export type ReauthResult = { ok: true; setCookie: string | null } | { ok: false; error: string }

/**
 * Sudo mode for sensitive actions: passes when the password was confirmed within
 * REAUTH_WINDOW. A form may carry `password` to confirm inline; without it the person
 * is sent to /confirm-password and brought back to `returnTo`.
 */
export async function requireRecentAuth(
  request: Request,
  context: AppLoadContext,
  auth: Authenticated,
  formData: FormData,
  returnTo: string,
): Promise<ReauthResult> {
  if (isRecentlyAuthenticated(auth.session)) return { ok: true, setCookie: null }
  const password = formData.get('password')
  if (typeof password !== 'string' || password === '') {
    throw redirect(`/confirm-password?redirectTo=${encodeURIComponent(returnTo)}`)
  }
  return confirmPassword(auth, password, context.clientIp)
}

/** Checks the password and, when right, renews the session's token (rotation). */
export async function confirmPassword(auth: Authenticated, password: string, ip: string): Promise<ReauthResult> {
  // Throttled like sign-in: a stolen cookie must not become unlimited password guesses.
  const wait = await retryAfterSeconds(auth.user.email, ip)
  if (wait > 0)
    return { ok: false, error: `Too many wrong passwords. Try again in ${wait} second${wait === 1 ? '' : 's'}.` }
  const user = await db.user.findUnique({ where: { id: auth.user.id }, select: { passwordHash: true } })
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await recordWrongPassword(auth, ip)
    return { ok: false, error: 'That password is not right.' }
  }
  const token = generateSessionToken()
  const now = new Date()
  await db.$transaction(async (tx) => {
    await tx.session.update({
      where: { id: auth.session.id, endedAt: null },
      data: { tokenHash: hashSessionToken(token), reauthenticatedAt: now },
    })
    await recordEvent(tx, {
      type: 'reauthenticated',
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      sessionId: auth.session.id,
      ip,
      device: deviceLabel(auth.session),
    })
  })
  return { ok: true, setCookie: await sessionCookieFor(auth.session, token) }
}

/** Counts a wrong password given by a signed-in session, for throttling and the log. */
export async function recordWrongPassword(auth: Authenticated, ip: string) {
  await recordFailure(auth.user.email, ip)
  await recordEvent(db, {
    type: 'reauth-failed',
    actorId: auth.user.id,
    targetUserId: auth.user.id,
    sessionId: auth.session.id,
    ip,
    device: deviceLabel(auth.session),
  })
}

export function sessionCookieFor(session: { persistent: boolean; absoluteExpiresAt: Date }, token: string) {
  return serializeSessionCookie(token, session.persistent ? session.absoluteExpiresAt : null)
}
