import { db } from '~/db.server.ts'
import { queuePasswordChanged } from '~/mail/notify.server.ts'
import { passwordKeys } from '~/models/login-throttle.server.ts'
import { hashPassword, verifyPassword } from '~/models/password.server.ts'
import { weakPasswordReason } from '~/models/password-strength.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { generateSessionToken, hashSessionToken } from '~/session/token.server.ts'
import { actorOf } from '~/unit-of-work/actor.server.ts'
import { attemptPassword, waitMessage } from '~/unit-of-work/password-attempt.server.ts'
import { recordWrongPassword } from '~/unit-of-work/reauth.server.ts'
import { act } from '~/unit-of-work/transaction.server.ts'

export type ChangePasswordResult =
  | { ok: true; token: string; endedOthers: number }
  | { ok: false; status: 400 | 409 | 429; field: 'currentPassword' | 'newPassword'; error: string; retryAfter?: number }

/**
 * Changes the password after checking the current one. By default every other session
 * ends (a thief who knew the old password is locked out); the current session gets a
 * new token either way. The attempt is counted first and both hashes are made before the
 * transaction; the transaction re-checks this session (a sign-out that came first wins)
 * and that the password is still the one checked, and queues the "password changed" mail.
 */
export async function changePassword(
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string; signOutOthers: boolean; ip: string },
): Promise<ChangePasswordResult> {
  if (input.newPassword.toLowerCase() === auth.user.email) {
    return { ok: false, status: 400, field: 'newPassword', error: 'Your password must not be your email address.' }
  }
  const weak = await weakPasswordReason(input.newPassword, [auth.user.email, auth.user.name ?? ''])
  if (weak) return { ok: false, status: 400, field: 'newPassword', error: weak }
  const attempt = await attemptPassword(passwordKeys(auth.user.email, input.ip), async () => {
    const user = await db.user.findUniqueOrThrow({ where: { id: auth.user.id }, select: { passwordHash: true } })
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return null
    return { checked: user.passwordHash, next: await hashPassword(input.newPassword) }
  })
  if (!attempt.ok) {
    if (attempt.why !== 'wrong') {
      const wait = { status: 429 as const, retryAfter: attempt.retryAfter }
      return { ok: false, ...wait, field: 'currentPassword', error: waitMessage(attempt) }
    }
    await recordWrongPassword(auth, input.ip)
    return { ok: false, status: 400, field: 'currentPassword', error: 'Your current password is not right.' }
  }
  const token = generateSessionToken()
  const now = new Date()
  const endedOthers = await act(actorOf(auth), async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id: auth.user.id, passwordHash: attempt.value.checked },
      data: { passwordHash: attempt.value.next, passwordChangedAt: now },
    })
    if (changed.count === 0) return null // changed by a parallel request since we checked it
    await tx.session.update({
      where: { id: auth.session.id },
      data: { tokenHash: hashSessionToken(token), reauthenticatedAt: now },
    })
    const ended = input.signOutOthers
      ? await endSessions(
          tx,
          { userId: auth.user.id, id: { not: auth.session.id } },
          { reason: 'password-change', actorId: auth.user.id, actorLabel: deviceLabel(auth.session), now },
        )
      : 0
    await recordEvent(tx, {
      type: 'password-changed',
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      sessionId: auth.session.id,
      ip: input.ip,
      device: deviceLabel(auth.session),
      details: { endedOtherSessions: ended },
    })
    await queuePasswordChanged(tx, auth.user, 'changed', now)
    return ended
  })
  if (endedOthers === null)
    return {
      ok: false,
      status: 409,
      field: 'currentPassword',
      error: 'Your password was just changed elsewhere. Reload and try again.',
    }
  return { ok: true, token, endedOthers }
}
