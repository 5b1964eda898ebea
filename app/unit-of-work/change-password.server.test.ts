import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { changePassword } from '~/unit-of-work/change-password.server.ts'
import { verifyLogin } from '~/models/user.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { chromeOnWindows, firefoxOnLinux, makeUser } from '../../tests/setup/factories.ts'

async function signedInTwice() {
  const user = await makeUser()
  const here = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
  const there = await createSession({ userId: user.id, persistent: true, client: firefoxOnLinux })
  const auth = await validateSessionToken(here.token, chromeOnWindows)
  if (!auth.ok) throw new Error('expected a valid session')
  return { user, here, there, auth }
}

describe('changing the password', () => {
  test('signs out the other devices by default and renews this one’s token', async () => {
    const { user, here, there, auth } = await signedInTwice()
    const result = await changePassword(auth, {
      currentPassword: user.password,
      newPassword: 'a brand new secret',
      signOutOthers: true,
      ip: '192.0.2.1',
    })
    expect(result).toMatchObject({ ok: true, endedOthers: 1 })
    expect(await validateSessionToken(there.token, firefoxOnLinux)).toEqual({ ok: false, reason: 'password-change' })
    expect((await validateSessionToken(here.token, chromeOnWindows)).ok).toBe(false)
    expect(result.ok && (await validateSessionToken(result.token, chromeOnWindows)).ok).toBe(true)
    expect(await verifyLogin(user.email, 'a brand new secret')).not.toBeNull()
    expect(await db.securityEvent.count({ where: { targetUserId: user.id, type: 'password-changed' } })).toBe(1)
  })

  test('can keep the other devices signed in when asked', async () => {
    const { user, there, auth } = await signedInTwice()
    await changePassword(auth, {
      currentPassword: user.password,
      newPassword: 'another new secret',
      signOutOthers: false,
      ip: '192.0.2.1',
    })
    expect((await validateSessionToken(there.token, firefoxOnLinux)).ok).toBe(true)
  })

  test('refuses a wrong current password and changes nothing', async () => {
    const { user, there, auth } = await signedInTwice()
    const result = await changePassword(auth, {
      currentPassword: 'wrong',
      newPassword: 'tangerine-vault-orbit-42',
      signOutOthers: true,
      ip: '192.0.2.1',
    })
    expect(result).toMatchObject({ ok: false, field: 'currentPassword' })
    expect((await validateSessionToken(there.token, firefoxOnLinux)).ok).toBe(true)
    expect(await verifyLogin(user.email, user.password)).not.toBeNull()
  })
})

describe('wrong passwords from a signed-in session', () => {
  test('are throttled like sign-ins, so a stolen cookie cannot guess forever', async () => {
    const { user, auth } = await signedInTwice()
    const attempt = () =>
      changePassword(auth, {
        currentPassword: 'guess',
        newPassword: 'tangerine-vault-orbit-42',
        signOutOthers: true,
        ip: '192.0.2.66',
      })
    for (let n = 0; n < 5; n++)
      expect(await attempt()).toMatchObject({ ok: false, error: 'Your current password is not right.' })
    expect(await attempt()).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/Too many attempts/) })
    expect(await db.securityEvent.count({ where: { targetUserId: user.id, type: 'reauth-failed' } })).toBe(5)
  })
})

describe('a password change racing a sign-out of the same session', () => {
  test('the sign-out that commits first wins: nothing changes and the person goes to the sign-in page', async () => {
    const { user, there, auth } = await signedInTwice()
    // The session ends after the request was authenticated, before its transaction.
    await db.session.update({
      where: { id: auth.session.id },
      data: { endedAt: new Date(), endReason: 'revoked-by-user' },
    })
    const refused = await changePassword(auth, {
      currentPassword: user.password,
      newPassword: 'changed while signed out',
      signOutOthers: true,
      ip: '192.0.2.1',
    }).catch((thrown: unknown) => thrown)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).headers.get('Location')).toBe('/login?reason=revoked-by-user')
    expect(await verifyLogin(user.email, user.password)).not.toBeNull()
    expect((await validateSessionToken(there.token, firefoxOnLinux)).ok).toBe(true)
    expect(await db.securityEvent.count({ where: { targetUserId: user.id, type: 'password-changed' } })).toBe(0)
  })
})
