import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { setMailPreferences } from '~/mail/preferences.server.ts'
import { alertIfNewSignIn, RECENT_MS } from '~/mail/sign-in-alert.server.ts'
import { createSession, type ClientInfo } from '~/session/session.server.ts'
import { hashSessionToken } from '~/session/token.server.ts'
import { transact } from '~/unit-of-work/transaction.server.ts'
import { chromeOnWindows, firefoxOnLinux, makeUser } from '../../tests/setup/factories.ts'

// The new-sign-in rule: browser family + OS family + place (location, else network).

async function signInAs(userId: string, client: ClientInfo) {
  const { session } = await createSession({ userId, persistent: false, client })
  return { session, alerted: await transact((tx) => alertIfNewSignIn(tx, session)) }
}

const mailsTo = (userId: string) => db.mailMessage.findMany({ where: { userId, kind: 'new-sign-in' } })

describe('new sign-in alerts', () => {
  test("an account's first sign-in is not news", async () => {
    const user = await makeUser()
    expect((await signInAs(user.id, chromeOnWindows)).alerted).toBe(false)
    expect(await mailsTo(user.id)).toHaveLength(0)
  })

  test('the same browser from the same network again is not news, even from another address in it', async () => {
    const user = await makeUser()
    await signInAs(user.id, chromeOnWindows)
    expect((await signInAs(user.id, chromeOnWindows)).alerted).toBe(false)
    expect((await signInAs(user.id, { ...chromeOnWindows, ip: '203.0.113.77' })).alerted).toBe(false)
  })

  test('a new browser is news: a notice and an email with the device, the place and a single-use link', async () => {
    const user = await makeUser()
    await signInAs(user.id, chromeOnWindows)
    const { session, alerted } = await signInAs(user.id, firefoxOnLinux)
    expect(alerted).toBe(true)
    expect(await db.signInAlert.count({ where: { userId: user.id, sessionId: session.id } })).toBe(1)
    const [mail] = await mailsTo(user.id)
    expect(mail).toMatchObject({ to: user.email, subject: 'New sign-in to your Doorman account: Firefox 133 on Linux' })
    expect(mail!.text).toContain('Where: IP address 198.51.100.9')
    const token = /\/not-me\/([\w-]{43})/.exec(mail!.text)![1]!
    const stored = await db.mailToken.findUniqueOrThrow({ where: { tokenHash: hashSessionToken(token) } })
    expect(stored).toMatchObject({ purpose: 'not-me', sessionId: session.id, usedAt: null })
    expect(JSON.stringify(await db.mailToken.findMany())).not.toContain(token)
  })

  test('the same browser from another network is news', async () => {
    const user = await makeUser()
    await signInAs(user.id, chromeOnWindows)
    expect((await signInAs(user.id, { ...chromeOnWindows, ip: '192.0.2.10' })).alerted).toBe(true)
  })

  test('a combination last used longer ago than the window is news again', async () => {
    const user = await makeUser()
    const { session } = await signInAs(user.id, chromeOnWindows)
    await db.session.update({
      where: { id: session.id },
      data: { createdAt: new Date(Date.now() - RECENT_MS - 86_400_000) },
    })
    expect((await signInAs(user.id, chromeOnWindows)).alerted).toBe(true)
  })

  test('with new sign-in emails switched off, the notice still appears but no mail is queued', async () => {
    const user = await makeUser()
    await setMailPreferences(user.id, { newSignIn: false, failedSignIn: true, adminSignOut: true })
    await signInAs(user.id, chromeOnWindows)
    expect((await signInAs(user.id, firefoxOnLinux)).alerted).toBe(true)
    expect(await mailsTo(user.id)).toHaveLength(0)
  })
})
