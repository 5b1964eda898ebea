import { linkTo } from '~/mail/origin.server.ts'
import { queueNotMeDone, queuePasswordChanged } from '~/mail/notify.server.ts'
import { enqueueMail } from '~/mail/queue.server.ts'
import { takeRequest } from '~/mail/request-limit.server.ts'
import { passwordResetMail } from '~/mail/templates.ts'
import {
  consumeToken,
  createMailToken,
  retireTokens,
  TOKEN_LIFETIME_MS,
  type TokenPurpose,
} from '~/mail/tokens.server.ts'
import { hashPassword } from '~/models/password.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel, deviceLabelFields } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { transact } from '~/unit-of-work/transaction.server.ts'

// Getting back in by mail: "Forgot password?" and the "Not you?" link of a sign-in alert.
// Each change, its event and its mail commit together (one transaction).

export const RESET_LIMITS = {
  email: { max: 3, windowMs: 60 * 60_000 },
  ip: { max: 20, windowMs: 60 * 60_000 },
}

/**
 * Emails a reset link when the address belongs to an enabled account. The caller answers
 * the same either way; 'throttled' means this email or IP asked too often.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<'ok' | 'throttled'> {
  const byIp = await takeRequest(`reset-ip:${ip}`, RESET_LIMITS.ip)
  const byEmail = await takeRequest(`reset-email:${email}`, RESET_LIMITS.email)
  if (!byIp || !byEmail) return 'throttled'
  await transact(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, disabledAt: true } })
    if (!user || user.disabledAt) return
    const token = await createMailToken({ purpose: 'password-reset', userId: user.id }, tx)
    await recordEvent(tx, { type: 'password-reset-requested', targetUserId: user.id, ip })
    const mail = passwordResetMail(linkTo(`/reset-password/${token}`), TOKEN_LIFETIME_MS['password-reset'] / 60_000)
    await enqueueMail(tx, { kind: 'password-reset-link', userId: user.id, to: user.email, ...mail })
  })
  return 'ok'
}

const recoveryPurposes: TokenPurpose[] = ['password-reset', 'not-me']

/**
 * Sets a new password through a reset link: the link is used up, every session ends,
 * every other open recovery link is retired and the confirmation is queued, all in one
 * transaction. False when the link stopped working meanwhile (used in parallel, expired).
 */
export async function resetPassword(link: { id: string; userId: string }, newPassword: string, ip: string) {
  const passwordHash = await hashPassword(newPassword)
  const now = new Date()
  return transact(async (tx) => {
    if (!(await consumeToken(tx, link.id, now))) return false
    const user = await tx.user.update({
      where: { id: link.userId },
      data: { passwordHash, passwordChangedAt: now },
      select: { id: true, email: true },
    })
    const ended = await endSessions(
      tx,
      { userId: link.userId },
      { reason: 'password-change', actorId: link.userId, actorLabel: 'a password reset link', now },
    )
    await retireTokens(tx, link.userId, recoveryPurposes, now)
    await recordEvent(tx, {
      type: 'password-reset',
      actorId: link.userId,
      targetUserId: link.userId,
      ip,
      details: { endedSessions: ended },
    })
    await queuePasswordChanged(tx, user, 'reset', now)
    return true
  })
}

/**
 * "Not you?": signs that one session out at once (through the one ending path, so its
 * open tabs are told), answers its alert, mails a note and returns a fresh reset link's
 * token for choosing a new password. Null when the link stopped working meanwhile.
 */
export async function secureAccountByLink(link: { id: string; userId: string; sessionId: string | null }, ip: string) {
  const now = new Date()
  return transact(async (tx) => {
    if (!(await consumeToken(tx, link.id, now))) return null
    const session = link.sessionId
      ? await tx.session.findFirst({ where: { id: link.sessionId, userId: link.userId }, select: deviceLabelFields })
      : null
    const count = session
      ? await endSessions(
          tx,
          { id: session.id, userId: link.userId },
          { reason: 'revoked-by-user', actorId: link.userId, actorLabel: 'the “Not you?” link in an email', now },
        )
      : 0
    await tx.signInAlert.updateMany({
      where: { userId: link.userId, sessionId: link.sessionId ?? '', answeredAt: null },
      data: { answer: 'not-me', answeredAt: now },
    })
    const revoked = session ? deviceLabel(session) : 'a device'
    await recordEvent(tx, {
      type: 'sign-in-not-me',
      actorId: link.userId,
      targetUserId: link.userId,
      sessionId: link.sessionId,
      ip,
      details: { revoked, ended: count, via: 'email' },
    })
    const user = await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: { id: true, email: true } })
    await queueNotMeDone(tx, user, revoked, now)
    const resetToken = await createMailToken({ purpose: 'password-reset', userId: link.userId }, tx, now)
    return { revoked, resetToken }
  })
}
