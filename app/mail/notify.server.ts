import type { Prisma } from '~/generated/prisma/client.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { wantsMail } from '~/mail/preferences.server.ts'
import { enqueueMail } from '~/mail/queue.server.ts'
import { adminActionMail, adminSignedOutMail, roleChangedMail, type SignedOutWhat } from '~/mail/admin-templates.ts'
import { failedSignInsMail, notMeDoneMail, passwordChangedMail } from '~/mail/templates.ts'

// The mail of each change, queued in the change's own transaction (`tx`), so that the
// mail exists exactly when the change committed (decision 019). Which ones a person may
// turn off is decided here: only new sign-ins, failed sign-ins and admin sign-outs.

type Tx = Prisma.TransactionClient
export type Recipient = { id: string; email: string }

export const FAILED_BURST = { count: 5, windowMs: 15 * 60_000 }

/**
 * After a failed sign-in has been recorded in `tx`: one email per account and hour once
 * FAILED_BURST failures pile up. The account's row is held first (a write that changes
 * nothing), so failures racing here on PostgreSQL queue one mail, not a unique-key error.
 */
export async function queueFailedSignInAlert(tx: Tx, user: Recipient, now = new Date()) {
  const failures = await tx.securityEvent.count({
    where: {
      targetUserId: user.id,
      type: 'sign-in-failed',
      createdAt: { gte: new Date(now.getTime() - FAILED_BURST.windowMs) },
    },
  })
  if (failures < FAILED_BURST.count || !(await wantsMail(tx, user.id, 'failedSignIn'))) return false
  await tx.user.updateMany({ where: { id: user.id }, data: { email: user.email } })
  const hour = Math.floor(now.getTime() / 3_600_000)
  const mail = failedSignInsMail({
    count: failures,
    minutes: FAILED_BURST.windowMs / 60_000,
    forgot: linkTo('/forgot-password'),
  })
  return enqueueMail(tx, {
    kind: 'failed-sign-ins',
    userId: user.id,
    to: user.email,
    dedupeKey: `failed-sign-ins:${user.id}:${hour}`,
    ...mail,
  })
}

/** Password changed or reset: always mailed. */
export function queuePasswordChanged(tx: Tx, user: Recipient, how: 'changed' | 'reset', now = new Date()) {
  const mail = passwordChangedMail({ at: now, how, forgot: linkTo('/forgot-password') })
  return enqueueMail(tx, { kind: `password-${how}`, userId: user.id, to: user.email, ...mail })
}

/** The "Not you?" link signed a device out: always mailed, pointing at a new password. */
export function queueNotMeDone(tx: Tx, user: Recipient, device: string, now = new Date()) {
  const mail = notMeDoneMail({ device, at: now, forgot: linkTo('/forgot-password') })
  return enqueueMail(tx, { kind: 'not-me', userId: user.id, to: user.email, ...mail })
}

/** Disabled or re-enabled by an administrator: always mailed. */
export function queueAccountStatus(tx: Tx, user: Recipient, action: 'disabled' | 'enabled', now = new Date()) {
  const mail = adminActionMail(action, { at: now, login: linkTo('/login') })
  return enqueueMail(tx, { kind: `admin-${action}`, userId: user.id, to: user.email, ...mail })
}

/** A new role (by an administrator or the command line): always mailed. */
export function queueRoleChanged(tx: Tx, user: Recipient, role: string, now = new Date()) {
  const mail = roleChangedMail({ role, at: now, login: linkTo('/login') })
  return enqueueMail(tx, { kind: 'admin-role-changed', userId: user.id, to: user.email, ...mail })
}

/**
 * An administrator signed one or all of the person's sessions out: mailed unless they
 * turned it off, and never to the administrator about their own sessions (they did it).
 */
export async function queueAdminSignOut(
  tx: Tx,
  user: Recipient,
  what: SignedOutWhat,
  actorId: string | null,
  now = new Date(),
) {
  if (user.id === actorId || !(await wantsMail(tx, user.id, 'adminSignOut'))) return false
  const mail = adminSignedOutMail(what, { at: now, login: linkTo('/login') })
  return enqueueMail(tx, { kind: 'admin-signed-out', userId: user.id, to: user.email, ...mail })
}
