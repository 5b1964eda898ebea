import { locateIp } from '~/lib/geo/geoip.server.ts'
import { queueFailedSignInAlert } from '~/mail/notify.server.ts'
import { alertIfNewSignIn } from '~/mail/sign-in-alert.server.ts'
import { passwordKeys } from '~/models/login-throttle.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { normalizeEmail, verifyLogin } from '~/models/user.server.ts'
import { sessionCookieFor } from '~/session/cookie.server.ts'
import { deviceLabel, parseDevice } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { insertSession, type ClientInfo } from '~/session/session.server.ts'
import { attemptPassword, waitMessage } from '~/unit-of-work/password-attempt.server.ts'
import { transact } from '~/unit-of-work/transaction.server.ts'

export type SignInResult =
  | { ok: true; setCookie: string; sessionId: string }
  | { ok: false; status: 400 | 403 | 409 | 429; error: string; retryAfter?: number }

const WRONG = 'That email and password do not match an account.'

/**
 * POST /login: counts the attempt, checks the password, then in one transaction makes a
 * new session — always, even when the browser holds a valid session (of this account or
 * another): that session is being replaced, so it is ended and the ending recorded. A
 * sign-in from a new browser and place gets its notice and alert mail in that transaction.
 */
export async function signInWithPassword(input: {
  email: string
  password: string
  remember: boolean
  client: ClientInfo
  replacing: Authenticated | null
}): Promise<SignInResult> {
  const { client, replacing } = input
  const email = normalizeEmail(input.email)
  const attempt = await attemptPassword(passwordKeys(email, client.ip), () => verifyLogin(email, input.password))
  if (!attempt.ok) {
    if (attempt.why !== 'wrong')
      return { ok: false, status: 429, error: waitMessage(attempt), retryAfter: attempt.retryAfter }
    await recordSignInFailure(email, client, 'wrong-credentials')
    return { ok: false, status: 400, error: WRONG }
  }
  const user = attempt.value
  if (user.disabledAt) {
    await recordSignInFailure(email, client, 'disabled')
    return { ok: false, status: 403, error: 'This account is disabled. Contact an administrator.' }
  }
  const created = await transact(async (tx) => {
    // The account as it was checked: same password, still enabled. The write (it sets
    // nothing new) holds the row, so a password change or disable racing this sign-in
    // either shows here or comes after, and then ends the new session too.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash, disabledAt: null },
      data: { passwordHash: user.passwordHash },
    })
    if (count === 0) return null
    if (replacing) {
      const ended = await endSessions(
        tx,
        { id: replacing.session.id },
        { reason: 'signed-out', actorId: replacing.user.id, actorLabel: deviceLabel(replacing.session) },
      )
      if (ended > 0)
        await recordEvent(tx, {
          type: 'sign-out',
          actorId: replacing.user.id,
          targetUserId: replacing.user.id,
          sessionId: replacing.session.id,
          ip: client.ip,
          device: deviceLabel(replacing.session),
          details: { why: 'replaced-by-sign-in' },
        })
    }
    const created = await insertSession(tx, { userId: user.id, persistent: input.remember, client })
    await alertIfNewSignIn(tx, created.session)
    return created
  })
  if (!created)
    return { ok: false, status: 409, error: 'Your account changed while you were signing in. Please try again.' }
  return { ok: true, setCookie: await sessionCookieFor(created.session, created.token), sessionId: created.session.id }
}

/**
 * Records a failed sign-in; against the account when the email belongs to one, which is
 * mailed (in the same transaction) when wrong passwords pile up.
 */
export function recordSignInFailure(email: string, client: ClientInfo, why: 'wrong-credentials' | 'disabled') {
  return transact(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true } })
    await recordEvent(tx, {
      type: 'sign-in-failed',
      targetUserId: user?.id ?? null,
      ip: client.ip,
      device: deviceLabel(parseDevice(client.userAgent, client.hints)),
      // Only what identifies an existing account (its id, above): never what was typed.
      details: { why, location: locateIp(client.ip) },
    })
    if (user && why === 'wrong-credentials') await queueFailedSignInAlert(tx, user)
  })
}
