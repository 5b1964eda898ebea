import { db } from '~/db.server.ts'
import { retryAfterSeconds } from '~/models/login-throttle.server.ts'
import { hashPassword, verifyPassword } from '~/models/password.server.ts'
import { weakPasswordReason } from '~/models/password-strength.server.ts'
import { recordWrongPassword } from '~/session/reauth.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { generateSessionToken, hashSessionToken } from '~/session/token.server.ts'

export type ChangePasswordResult =
  | { ok: true; token: string; endedOthers: number }
  | { ok: false; field: 'currentPassword' | 'newPassword'; error: string }

/**
 * Changes the password after checking the current one. By default every other session
 * ends (a thief who knew the old password is locked out); the current session gets a
 * new token either way.
 */
export async function changePassword(
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string; signOutOthers: boolean; ip: string },
): Promise<ChangePasswordResult> {
  const wait = await retryAfterSeconds(auth.user.email, input.ip)
  if (wait > 0)
    return { ok: false, field: 'currentPassword', error: `Too many wrong passwords. Try again in ${wait} s.` }
  const user = await db.user.findUniqueOrThrow({ where: { id: auth.user.id } })
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordWrongPassword(auth, input.ip)
    return { ok: false, field: 'currentPassword', error: 'Your current password is not right.' }
  }
  if (input.newPassword.toLowerCase() === user.email) {
    return { ok: false, field: 'newPassword', error: 'Your password must not be your email address.' }
  }
  const weak = await weakPasswordReason(input.newPassword, [user.email, user.name ?? ''])
  if (weak) return { ok: false, field: 'newPassword', error: weak }
  const passwordHash = await hashPassword(input.newPassword)
  const token = generateSessionToken()
  const now = new Date()
  const endedOthers = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } })
    await tx.session.update({
      where: { id: auth.session.id },
      data: { tokenHash: hashSessionToken(token), reauthenticatedAt: now },
    })
    const ended = input.signOutOthers
      ? await endSessions(
          tx,
          { userId: user.id, id: { not: auth.session.id } },
          { reason: 'password-change', actorId: user.id, actorLabel: deviceLabel(auth.session), now },
        )
      : 0
    await recordEvent(tx, {
      type: 'password-changed',
      actorId: user.id,
      targetUserId: user.id,
      sessionId: auth.session.id,
      ip: input.ip,
      device: deviceLabel(auth.session),
      details: { endedOtherSessions: ended },
    })
    return ended
  })
  return { ok: true, token, endedOthers }
}
