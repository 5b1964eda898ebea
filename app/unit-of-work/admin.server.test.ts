import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { adminActor } from '~/models/admin/actor.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { revokeUserSessions, setDisabled, setRole } from '~/unit-of-work/admin.server.ts'
import { chromeOnWindows, makeUser } from '../../tests/setup/factories.ts'

async function signedInAdmin() {
  const admin = await makeUser({ role: 'admin' })
  const { token } = await createSession({ userId: admin.id, persistent: true, client: chromeOnWindows })
  const auth = await validateSessionToken(token, chromeOnWindows)
  if (!auth.ok) throw new Error('expected a valid session')
  return { admin, actor: adminActor(auth, '203.0.113.7') }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (thrown: unknown) => thrown as Response,
  )

describe('an admin action re-checks the acting admin inside its transaction', () => {
  test('an admin demoted after their request was authenticated gets 403, and nothing changes', async () => {
    const { admin, actor } = await signedInAdmin()
    const target = await makeUser()
    await db.user.update({ where: { id: admin.id }, data: { role: 'user' } })
    const refused = await refusal(setDisabled(actor, target.id, true))
    expect(refused?.status).toBe(403)
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull()
    expect(await db.securityEvent.count({ where: { actorId: admin.id, type: 'user-disabled' } })).toBe(0)
  })

  test('an admin whose session ended meanwhile is sent to sign in again, saying why', async () => {
    const { actor } = await signedInAdmin()
    const target = await makeUser()
    await db.session.update({
      where: { id: actor.sessionId },
      data: { endedAt: new Date(), endReason: 'revoked-by-admin' },
    })
    const refused = await refusal(setRole(actor, target.id, 'admin'))
    expect(refused?.status).toBe(302)
    expect(refused?.headers.get('Location')).toBe('/login?reason=revoked-by-admin')
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('user')
  })

  test('a disabled admin is refused too', async () => {
    const { admin, actor } = await signedInAdmin()
    const target = await makeUser()
    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } })
    const refused = await refusal(revokeUserSessions(actor, target.id))
    expect(refused?.headers.get('Location')).toBe('/login?reason=user-disabled')
  })

  test('the guard row is written by every admin action', async () => {
    const { actor } = await signedInAdmin()
    const target = await makeUser()
    const before = (await db.guard.findUnique({ where: { name: 'admin-actions' } }))?.version ?? 0
    expect(await setDisabled(actor, target.id, true)).toMatchObject({ ok: true })
    expect((await db.guard.findUniqueOrThrow({ where: { name: 'admin-actions' } })).version).toBeGreaterThan(before)
  })
})
