import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { commandLineActor } from '~/models/admin/actor.server.ts'
import {
  revokeUserSessions as adminRevokeAll,
  setDisabled as setUserDisabled,
  setRole as setUserRole,
  signOutEveryone as revokeEveryone,
} from '~/unit-of-work/admin.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { chromeOnWindows, makeUser } from '../../../tests/setup/factories.ts'

// `npm run user` acts through the admin console's own units of work, with no user, session or IP.

describe('account changes from the command line', () => {
  test('disabling ends every session; the event has no actor', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect(await setUserDisabled(commandLineActor, user.id, true)).toMatchObject({ ok: true })
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'user-disabled' })
    const event = await db.securityEvent.findFirstOrThrow({ where: { targetUserId: user.id, type: 'user-disabled' } })
    expect(event.actorId).toBeNull()
  })

  test('a role change and "revoke" end the user’s sessions', async () => {
    const user = await makeUser()
    const first = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    await setUserRole(commandLineActor, user.id, 'admin')
    expect(await validateSessionToken(first.token, chromeOnWindows)).toEqual({ ok: false, reason: 'role-change' })
    const second = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    expect(await adminRevokeAll(commandLineActor, user.id)).toMatchObject({ ok: true })
    expect(await validateSessionToken(second.token, chromeOnWindows)).toEqual({ ok: false, reason: 'revoked-by-admin' })
  })

  test('"revoke-everyone" ends every active session, keeping none', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const { count } = await revokeEveryone(commandLineActor)
    expect(count).toBeGreaterThanOrEqual(1)
    expect(await validateSessionToken(token, chromeOnWindows)).toEqual({ ok: false, reason: 'revoked-by-admin' })
    expect(await db.session.count({ where: { endedAt: null } })).toBe(0)
  })
})
