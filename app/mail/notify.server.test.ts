import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { FAILED_BURST } from '~/mail/notify.server.ts'
import { setMailPreferences } from '~/mail/preferences.server.ts'
import { recordSignInFailure } from '~/unit-of-work/sign-in.server.ts'
import { chromeOnWindows, makeUser } from '../../tests/setup/factories.ts'

const queued = (userId: string, kind: string) => db.mailMessage.findMany({ where: { userId, kind } })

describe('failed sign-in alerts', () => {
  test('a burst of failed sign-ins mails once, in the transaction that records the failure, even when failures race', async () => {
    const user = await makeUser()
    for (let i = 0; i < FAILED_BURST.count - 1; i++)
      await recordSignInFailure(user.email, chromeOnWindows, 'wrong-credentials')
    expect(await queued(user.id, 'failed-sign-ins')).toHaveLength(0)
    await Promise.all([1, 2, 3, 4].map(() => recordSignInFailure(user.email, chromeOnWindows, 'wrong-credentials')))
    const [mail, ...more] = await queued(user.id, 'failed-sign-ins')
    expect(more).toHaveLength(0)
    expect(mail).toMatchObject({ to: user.email, subject: 'Failed sign-in attempts on your Doorman account' })
    expect(mail!.text).toMatch(/There were \d+ failed attempts/)
    expect(mail!.text).toMatch(/http:\/\/localhost:\d+\/forgot-password/)
  })

  test('sign-ins refused because the account is disabled, or turned off, mail nothing', async () => {
    const [disabled, quiet] = await Promise.all([makeUser(), makeUser()])
    await setMailPreferences(quiet.id, { newSignIn: true, failedSignIn: false, adminSignOut: true })
    for (let i = 0; i < FAILED_BURST.count + 1; i++) {
      await recordSignInFailure(disabled.email, chromeOnWindows, 'disabled')
      await recordSignInFailure(quiet.email, chromeOnWindows, 'wrong-credentials')
    }
    expect(await queued(disabled.id, 'failed-sign-ins')).toHaveLength(0)
    expect(await queued(quiet.id, 'failed-sign-ins')).toHaveLength(0)
  })

  test('failed sign-ins for an unknown email mail nobody', async () => {
    const before = await db.mailMessage.count()
    for (let i = 0; i < FAILED_BURST.count + 1; i++)
      await recordSignInFailure('nobody-at-all@example.com', chromeOnWindows, 'wrong-credentials')
    expect(await db.mailMessage.count()).toBe(before)
  })
})
