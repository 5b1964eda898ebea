import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { afterAdminAction, afterSignInFailure, FAILED_BURST } from '~/mail/notify.server.ts'
import { setMailPreferences } from '~/mail/preferences.server.ts'
import { recordSignInFailure } from '~/unit-of-work/sign-in.server.ts'
import { chromeOnWindows, makeUser } from '../../tests/setup/factories.ts'

const queued = (userId: string, kind: string) => db.mailMessage.findMany({ where: { userId, kind } })

describe('alert mails', () => {
  test('a burst of failed sign-ins mails once, even when the failures race', async () => {
    const user = await makeUser()
    for (let i = 0; i < FAILED_BURST.count - 1; i++)
      await recordSignInFailure(user.email, chromeOnWindows, 'wrong-credentials')
    await afterSignInFailure(user.email)
    expect(await queued(user.id, 'failed-sign-ins')).toHaveLength(0)
    await Promise.all(
      [1, 2, 3, 4].map(async () => {
        await recordSignInFailure(user.email, chromeOnWindows, 'wrong-credentials')
        await afterSignInFailure(user.email)
      }),
    )
    const [mail, ...more] = await queued(user.id, 'failed-sign-ins')
    expect(more).toHaveLength(0)
    expect(mail).toMatchObject({ to: user.email, subject: 'Failed sign-in attempts on your Doorman account' })
    expect(mail!.text).toMatch(/http:\/\/localhost:\d+\/forgot-password/)
  })

  test('failed sign-ins for an unknown email mail nobody', async () => {
    const before = await db.mailMessage.count()
    await afterSignInFailure('nobody-at-all@example.com')
    expect(await db.mailMessage.count()).toBe(before)
  })

  test('disable and enable always mail; an admin sign-out only when wanted; nothing for a no-op', async () => {
    const user = await makeUser()
    await setMailPreferences(user.id, { newSignIn: true, failedSignIn: true, adminSignOut: false })
    await afterAdminAction(user.id, 'disable', {
      ok: true,
      message: `Disabled ${user.email} and signed out 2 sessions.`,
    })
    await afterAdminAction(user.id, 'enable', { ok: true, message: `Enabled ${user.email}: they can sign in again.` })
    await afterAdminAction(user.id, 'enable', { ok: true, message: `${user.email} is already enabled.` })
    await afterAdminAction(user.id, 'revoke-all', { ok: true, message: 'Signed out 2 sessions.' })
    const kinds = (await db.mailMessage.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } })).map(
      (mail) => mail.subject,
    )
    expect(kinds).toEqual(['Your Doorman account was disabled', 'Your Doorman account was re-enabled'])

    await setMailPreferences(user.id, { newSignIn: true, failedSignIn: true, adminSignOut: true })
    await afterAdminAction(user.id, 'revoke', { ok: true, message: 'Signed out Firefox 133 on Linux.' })
    const [signedOut] = await queued(user.id, 'admin-signed-out')
    expect(signedOut).toMatchObject({ subject: 'An administrator signed you out of Doorman' })
    expect(signedOut!.text).toContain('signed out one of your devices')
  })
})
