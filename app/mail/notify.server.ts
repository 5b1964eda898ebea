import { db } from '~/db.server.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { wantsMail } from '~/mail/preferences.server.ts'
import { enqueueMail, safely } from '~/mail/queue.server.ts'
import { alertIfNewSignIn } from '~/mail/sign-in-alert.server.ts'
import { adminActionMail, failedSignInsMail, passwordChangedMail, type AdminAction } from '~/mail/templates.ts'

// The one-line hooks routes call after a change has committed. None of them throws:
// mail is queued, never sent in the request, and a failure to queue is only logged.

/** After a successful sign-in: maybe a "new sign-in" notice and email. */
export function afterSignIn(sessionId: string) {
  return safely('new sign-in alert', () => alertIfNewSignIn(sessionId))
}

export const FAILED_BURST = { count: 5, windowMs: 15 * 60_000 }

/** After a failed sign-in: one email per account and hour once failures pile up. */
export function afterSignInFailure(email: string, now = new Date()) {
  return safely('failed sign-in alert', async () => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } })
    if (!user) return
    const failures = await db.securityEvent.count({
      where: {
        targetUserId: user.id,
        type: 'sign-in-failed',
        createdAt: { gte: new Date(now.getTime() - FAILED_BURST.windowMs) },
      },
    })
    if (failures < FAILED_BURST.count || !(await wantsMail(user.id, 'failedSignIn'))) return
    const hour = Math.floor(now.getTime() / 3_600_000)
    const mail = failedSignInsMail({
      count: failures,
      minutes: FAILED_BURST.windowMs / 60_000,
      forgot: linkTo('/forgot-password'),
    })
    await enqueueMail({
      kind: 'failed-sign-ins',
      userId: user.id,
      to: user.email,
      dedupeKey: `failed-sign-ins:${user.id}:${hour}`,
      ...mail,
    })
  })
}

/** After the password was changed (or reset): always mailed. */
export function afterPasswordChanged(userId: string, how: 'changed' | 'reset' = 'changed') {
  return safely('password-changed mail', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })
    const mail = passwordChangedMail({ at: new Date(), how, forgot: linkTo('/forgot-password') })
    await enqueueMail({ kind: `password-${how}`, userId, to: user.email, ...mail })
  })
}

const adminIntents: Record<string, AdminAction | undefined> = {
  revoke: 'signed-out',
  'revoke-all': 'signed-out',
  disable: 'disabled',
  enable: 'enabled',
}

/** After an administrator's action on a user: disabled/enabled always; sign-outs if wanted. */
export function afterAdminAction(userId: string, intent: string, result: { ok: boolean; message: string }) {
  const action = adminIntents[intent]
  if (!result.ok || !action || / already | no session /i.test(result.message)) return Promise.resolve()
  return safely('administrator action mail', async () => {
    if (action === 'signed-out' && !(await wantsMail(userId, 'adminSignOut'))) return
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })
    const count = intent === 'revoke' ? 1 : Number(/(\d+) session/.exec(result.message)?.[1] ?? 0) || undefined
    const mail = adminActionMail(action, { at: new Date(), count, login: linkTo('/login') })
    await enqueueMail({ kind: `admin-${action}`, userId, to: user.email, ...mail })
  })
}
