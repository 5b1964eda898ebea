import { db } from '~/db.server.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { enqueueMail } from '~/mail/queue.server.ts'
import { confirmEmailMail, emailChangedMail, emailChangeRequestedMail } from '~/mail/templates.ts'
import { consumeToken, createMailToken, retireTokens, TOKEN_LIFETIME_MS } from '~/mail/tokens.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { actorOf } from '~/unit-of-work/actor.server.ts'
import { act, transact } from '~/unit-of-work/transaction.server.ts'

// Changing the account's email: the new address confirms by a link, the old one is told
// when it is asked and again when it happens. Each step's event and mail commit together.

/** Starts a change (sudo mode first). An address already in use gets no mail; the answer is the same. */
export function requestEmailChange(auth: Authenticated, newEmail: string, ip: string) {
  const now = new Date()
  return act(actorOf(auth), async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })
    await retireTokens(tx, auth.user.id, ['email-change'], now)
    await recordEvent(tx, {
      type: 'email-change-requested',
      actorId: auth.user.id,
      targetUserId: auth.user.id,
      sessionId: auth.session.id,
      ip,
      device: deviceLabel(auth.session),
      details: { newEmail },
    })
    await enqueueMail(tx, {
      kind: 'email-change-requested',
      userId: auth.user.id,
      to: auth.user.email,
      ...emailChangeRequestedMail({ newEmail, at: now }),
    })
    if (taken) return
    const token = await createMailToken({ purpose: 'email-change', userId: auth.user.id, newEmail }, tx, now)
    const mail = confirmEmailMail({
      newEmail,
      link: linkTo(`/confirm-email/${token}`),
      hours: TOKEN_LIFETIME_MS['email-change'] / 3_600_000,
    })
    await enqueueMail(tx, { kind: 'email-change-confirm', userId: auth.user.id, to: newEmail, ...mail })
  })
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

/** Applies a confirmed change, once, and tells the old address; 'taken' when the address got an account meanwhile. */
export function confirmEmailChange(link: { id: string; userId: string; newEmail: string | null }, ip: string) {
  const now = new Date()
  const newEmail = link.newEmail ?? ''
  return transact(async (tx): Promise<ConfirmOutcome> => {
    if (!(await consumeToken(tx, link.id, now))) return 'gone'
    // The link is spent either way: an address that got an account meanwhile can never be confirmed.
    if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return 'taken'
    const before = await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: { email: true } })
    await tx.user.update({ where: { id: link.userId }, data: { email: newEmail } })
    await recordEvent(tx, {
      type: 'email-changed',
      actorId: link.userId,
      targetUserId: link.userId,
      ip,
      details: { newEmail, oldEmail: before.email },
    })
    const mail = emailChangedMail({ newEmail, at: now })
    await enqueueMail(tx, { kind: 'email-changed', userId: link.userId, to: before.email, ...mail })
    return 'changed'
  })
}
