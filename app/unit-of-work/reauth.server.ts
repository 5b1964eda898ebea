import { redirect, type AppLoadContext } from '@remix-run/node'
import { db } from '~/db.server.ts'
import { passwordKeys } from '~/models/login-throttle.server.ts'
import { verifyPassword } from '~/models/password.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { sessionCookieFor } from '~/session/cookie.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { isRecentlyAuthenticated, type Authenticated } from '~/session/guards.server.ts'
import { generateSessionToken, hashSessionToken } from '~/session/token.server.ts'
import { attemptPassword, waitMessage } from '~/unit-of-work/password-attempt.server.ts'
import { actorOf } from '~/unit-of-work/actor.server.ts'
import { act } from '~/unit-of-work/transaction.server.ts'

export type ReauthResult =
  { ok: true; setCookie: string | null } | { ok: false; status: 400 | 429; error: string; retryAfter?: number }

/**
 * Sudo mode for sensitive actions: passes when the password was confirmed within
 * REAUTH_WINDOW. A form may carry `password` to confirm inline; without it the person
 * is sent to /confirm-password and brought back to `returnTo`.
 */
export async function requireRecentAuth(
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

/**
 * Checks the password (throttled like sign-in: a stolen cookie must not become unlimited
 * guesses) and, when right, renews the session's token (rotation).
 */
export async function confirmPassword(auth: Authenticated, password: string, ip: string): Promise<ReauthResult> {
  const attempt = await attemptPassword(passwordKeys(auth.user.email, ip), async () => {
    const user = await db.user.findUnique({ where: { id: auth.user.id }, select: { passwordHash: true } })
    return user && (await verifyPassword(user.passwordHash, password)) ? user.passwordHash : null
  })
  if (!attempt.ok) {
    if (attempt.why !== 'wrong')
      return { ok: false, status: 429, error: waitMessage(attempt), retryAfter: attempt.retryAfter }
    await recordWrongPassword(auth, ip)
    return { ok: false, status: 400, error: 'That password is not right.' }
  }
  const token = generateSessionToken()
  const renewed = await act(actorOf(auth), async (tx) => {
    // Still the password that was checked (not changed by a parallel request).
    if ((await tx.user.count({ where: { id: auth.user.id, passwordHash: attempt.value } })) === 0) return false
    await tx.session.update({
      where: { id: auth.session.id },
      data: { tokenHash: hashSessionToken(token), reauthenticatedAt: new Date() },
    })
    await recordEvent(tx, {
      type: 'reauthenticated',
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      sessionId: auth.session.id,
      ip,
      device: deviceLabel(auth.session),
    })
    return true
  })
  if (!renewed) return { ok: false, status: 400, error: 'That password is not right.' }
  return { ok: true, setCookie: await sessionCookieFor(auth.session, token) }
}

/** Logs a wrong password given by a signed-in session (the throttle already counted it). */
export async function recordWrongPassword(auth: Authenticated, ip: string) {
  await recordEvent(db, {
    type: 'reauth-failed',
    actorId: auth.user.id,
    targetUserId: auth.user.id,
    sessionId: auth.session.id,
    ip,
    device: deviceLabel(auth.session),
  })
}
