import { db } from '~/db.server.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { enqueueMail } from '~/mail/queue.server.ts'
import { confirmEmailMail, emailChangedMail, emailChangeRequestedMail } from '~/mail/templates.ts'
import { consumeToken, createMailToken, retireTokens, TOKEN_LIFETIME_MS } from '~/mail/tokens.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { deviceLabel } from '~/session/device.ts'

// Changing the account's email: the new address confirms by a link, the old one is told
// when it is asked and again when it happens.

/** Starts a change. An address already in use gets no mail, but the answer is the same. */
export async function requestEmailChange(auth: Authenticated, newEmail: string, ip: string) {
  const now = new Date()
  const taken = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } })
  await retireTokens(db, auth.user.id, ['email-change'], now)
  await recordEvent(db, {
    type: 'email-change-requested',
    actorId: auth.user.id,
    targetUserId: auth.user.id,
    sessionId: auth.session.id,
    ip,
    device: deviceLabel(auth.session),
    details: { newEmail },
  })
  await enqueueMail({
    kind: 'email-change-requested',
    userId: auth.user.id,
    to: auth.user.email,
    ...emailChangeRequestedMail({ newEmail, at: now }),
  })
  if (taken) return
  const token = await createMailToken({ purpose: 'email-change', userId: auth.user.id, newEmail }, db, now)
  const mail = confirmEmailMail({
    newEmail,
    link: linkTo(`/confirm-email/${token}`),
    hours: TOKEN_LIFETIME_MS['email-change'] / 3_600_000,
  })
  await enqueueMail({ kind: 'email-change-confirm', userId: auth.user.id, to: newEmail, ...mail })
}

/** The change waiting for confirmation, if any. */
export async function pendingEmailChange(userId: string, now = new Date()) {
  const row = await db.mailToken.findFirst({
    where: { userId, purpose: 'email-change', usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    select: { newEmail: true },
  })
  return row?.newEmail ?? null
}

export type ConfirmOutcome = 'changed' | 'gone' | 'taken'

/** Applies a confirmed change, once; 'taken' when the address got an account meanwhile. */
export async function confirmEmailChange(link: { id: string; userId: string; newEmail: string | null }, ip: string) {
  const now = new Date()
  const newEmail = link.newEmail ?? ''
  const outcome = await db.$transaction(async (tx): Promise<{ outcome: ConfirmOutcome; oldEmail?: string }> => {
    if (!(await consumeToken(tx, link.id, now))) return { outcome: 'gone' }
    // The link is spent either way: an address that got an account meanwhile can never be confirmed.
    if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return { outcome: 'taken' }
    const before = await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: { email: true } })
    await tx.user.update({ where: { id: link.userId }, data: { email: newEmail } })
    await recordEvent(tx, {
      type: 'email-changed',
      actorId: link.userId,
      targetUserId: link.userId,
      ip,
      details: { newEmail, oldEmail: before.email },
    })
    return { outcome: 'changed', oldEmail: before.email }
  })
  if (outcome.oldEmail) {
    const mail = emailChangedMail({ newEmail, at: now })
    await enqueueMail({ kind: 'email-changed', userId: link.userId, to: outcome.oldEmail, ...mail })
  }
  return outcome.outcome
}
