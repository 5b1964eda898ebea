import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { endAllSessionsOf, LastAdminError, setUserDisabled, setUserRole } from '~/models/account-admin.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { chromeOnWindows, makeUser } from '../../tests/setup/factories.ts'

const cli = { id: null, via: 'cli' as const }

describe('account administration', () => {
  test('disabling ends every session and records who did it', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect(await setUserDisabled(user.id, true, cli)).toBe(1)
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'user-disabled' })
    expect(await db.securityEvent.count({ where: { targetUserId: user.id, type: 'user-disabled' } })).toBe(1)
    expect(await setUserDisabled(user.id, false, cli)).toBe(0)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull()
  })

  test('a role change ends the user’s sessions', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    await setUserRole(user.id, 'admin', cli)
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'role-change' })
  })

  test('the last active administrator cannot be demoted or disabled', async () => {
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'user' } })
    const only = await makeUser({ role: 'admin' })
    await expect(setUserRole(only.id, 'user', cli)).rejects.toBeInstanceOf(LastAdminError)
    await expect(setUserDisabled(only.id, true, cli)).rejects.toBeInstanceOf(LastAdminError)
    const second = await makeUser({ role: 'admin' })
    await setUserRole(only.id, 'user', cli)
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe('admin')
  })

  test('revoking a user ends all their sessions as an administrator', async () => {
    const user = await makeUser()
    const one = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect(await endAllSessionsOf(user.id, cli)).toBe(2)
    expect(await validateSessionToken(one.token, chromeOnWindows)).toEqual({ ok: false, reason: 'revoked-by-admin' })
  })
})
