import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { adminActor, commandLineActor } from '~/models/admin/actor.server.ts'
import { BULK_BATCH } from '~/models/admin/bulk-sign-out.server.ts'
import { BulkSignOutMail, HOLD_MS } from '~/models/admin/bulk-mail.server.ts'
import { makeSession, uniqueWord } from '~/models/admin/test-fixtures.server.ts'
import { setMailPreferences } from '~/mail/preferences.server.ts'
import { parseDevice } from '~/session/device.ts'
import { endSessionsOf } from '~/session/end-sessions.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { generatePublicId, hashSessionToken } from '~/session/token.server.ts'
import {
  revokeUserSession,
  revokeUserSessions,
  setDisabled,
  setRole,
  signOutByRule,
  signOutEveryone,
} from '~/unit-of-work/admin.server.ts'
import { chromeOnWindows, makeUser } from '../../../tests/setup/factories.ts'

// What an administrator's actions mail the people they affect (decision 019), queued in
// the action's own transaction. Role changes, disable and enable always go; sign-outs
// unless the person turned them off, and never to the admin about their own sessions.

const DAY = 86_400_000
const allOff = { newSignIn: false, failedSignIn: false, adminSignOut: false }
const mailsTo = (userId: string) =>
  db.mailMessage.findMany({
    where: { userId },
    orderBy: { id: 'asc' },
    select: { to: true, subject: true, text: true },
  })
const subjects = async (userId: string) => (await mailsTo(userId)).map((mail) => mail.subject)

async function signedInAdmin() {
  const admin = await makeUser({ role: 'admin' })
  const { token } = await createSession({ userId: admin.id, persistent: true, client: chromeOnWindows })
  const auth = await validateSessionToken(token, chromeOnWindows)
  if (!auth.ok) throw new Error('expected a valid session')
  return { admin, actor: adminActor(auth, '203.0.113.7') }
}

/** `n` active sessions of `userId` under a browser name that only this test uses. */
async function sessionsOf(userId: string, browserName: string, n: number, now: Date) {
  await db.session.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: generatePublicId(),
      tokenHash: hashSessionToken(randomBytes(32).toString('base64url')),
      userId,
      createdAt: new Date(now.getTime() - DAY),
      lastActiveAt: new Date(now.getTime() - 60_000 - i * 7),
      idleExpiresAt: new Date(now.getTime() + 7 * DAY),
      absoluteExpiresAt: new Date(now.getTime() + 30 * DAY),
      signInIp: '192.0.2.1',
      lastIp: '192.0.2.1',
      ...parseDevice(chromeOnWindows.userAgent),
      browserName,
    })),
  })
}

describe('role changes', () => {
  test('promote and demote mail the person, whatever they chose to receive; a no-op mails nothing', async () => {
    const { actor } = await signedInAdmin()
    const user = await makeUser()
    await setMailPreferences(user.id, allOff)
    expect(await setRole(actor, user.id, 'admin')).toMatchObject({ ok: true })
    expect(await setRole(actor, user.id, 'admin')).toMatchObject({
      ok: true,
      message: expect.stringMatching(/already/),
    })
    expect(await setRole(actor, user.id, 'user')).toMatchObject({ ok: true })
    const [promoted, demoted, ...more] = await mailsTo(user.id)
    expect(more).toHaveLength(0)
    expect(promoted).toMatchObject({ to: user.email, subject: 'Your Doorman role changed to administrator' })
    expect(promoted!.text).toMatch(/Every device was signed out[\s\S]*http:\/\/localhost:\d+\/login/)
    expect(demoted).toMatchObject({ to: user.email, subject: 'Your Doorman role changed to regular user' })
    expect(demoted!.text).toContain('You no longer have access to the admin console.')
  })

  test('the command line (npm run user -- promote) mails the same', async () => {
    const user = await makeUser()
    await setRole(commandLineActor, user.id, 'admin')
    expect(await subjects(user.id)).toEqual(['Your Doorman role changed to administrator'])
  })
})

describe('disable and enable', () => {
  test('always mail, also with every optional alert off', async () => {
    const { actor } = await signedInAdmin()
    const user = await makeUser()
    await setMailPreferences(user.id, allOff)
    await setDisabled(actor, user.id, true)
    await setDisabled(actor, user.id, true)
    await setDisabled(actor, user.id, false)
    expect(await subjects(user.id)).toEqual([
      'Your Doorman account was disabled',
      'Your Doorman account was re-enabled',
    ])
  })
})

describe('an administrator signing out one person', () => {
  test('one session: the mail names the device; all sessions: it says how many', async () => {
    const { actor } = await signedInAdmin()
    const user = await makeUser()
    const now = new Date()
    const phone = await makeSession(user.id, { now, agent: 'safariIphone' })
    await makeSession(user.id, { now })
    await makeSession(user.id, { now, agent: 'firefoxLinux' })
    await revokeUserSession(actor, user.id, phone.id)
    await revokeUserSessions(actor, user.id)
    await revokeUserSessions(actor, user.id) // nothing left to end: no mail
    const [one, all, ...more] = await mailsTo(user.id)
    expect(more).toHaveLength(0)
    expect(one).toMatchObject({ to: user.email, subject: 'An administrator signed you out of Safari on iPhone' })
    expect(all).toMatchObject({ subject: 'An administrator signed you out of 2 devices' })
    expect(all!.text).toMatch(/Sign in again where you need to:\nhttp:\/\/localhost:\d+\/login/)
  })

  test('no mail when the person turned it off, nor to an admin who signs out their own sessions', async () => {
    const { admin, actor } = await signedInAdmin()
    const user = await makeUser()
    await setMailPreferences(user.id, { ...allOff, newSignIn: true })
    await makeSession(user.id, { now: new Date() })
    await makeSession(admin.id, { now: new Date() })
    expect(await revokeUserSessions(actor, user.id)).toMatchObject({ message: 'Signed out 1 session.' })
    const own = await db.session.findFirstOrThrow({ where: { userId: admin.id, id: { not: actor.sessionId } } })
    await revokeUserSession(actor, admin.id, own.id)
    expect(await mailsTo(user.id)).toEqual([])
    expect(await mailsTo(admin.id)).toEqual([])
  })
})

describe('bulk sign-outs', () => {
  test('by rule: one mail per person per job with their count, none to the opted-out or the acting admin', async () => {
    const { admin, actor } = await signedInAdmin()
    const [many, one, quiet] = await Promise.all([makeUser(), makeUser(), makeUser()])
    await setMailPreferences(quiet.id, allOff)
    const browserName = uniqueWord('Mailed')
    const now = new Date(Date.now() - 1_000)
    const spread = BULK_BATCH * 2 + 3 // over three batches
    await sessionsOf(many.id, browserName, spread, now)
    await Promise.all([one, quiet, admin].map((user) => sessionsOf(user.id, browserName, 1, now)))
    const result = await signOutByRule(actor, { browser: browserName }, new Date())
    expect(result).toEqual({ count: spread + 3, users: 4 })

    expect(await mailsTo(many.id)).toEqual([
      expect.objectContaining({ to: many.email, subject: `An administrator signed you out of ${spread} devices` }),
    ])
    expect(await subjects(one.id)).toEqual(['An administrator signed you out of one device'])
    expect(await mailsTo(quiet.id)).toEqual([])
    expect(await mailsTo(admin.id)).toEqual([])
    // Released when the job ended: due now, not held.
    const due = await db.mailMessage.count({
      where: { userId: { in: [many.id, one.id] }, status: 'pending', nextAttemptAt: { lte: new Date() } },
    })
    expect(due).toBe(2)
  })

  test('"sign out everyone" from the command line mails every affected person once', async () => {
    const [first, second] = await Promise.all([makeUser(), makeUser()])
    const now = new Date()
    await makeSession(first.id, { now })
    await makeSession(first.id, { now, agent: 'firefoxLinux' })
    await makeSession(second.id, { now })
    await signOutEveryone(commandLineActor)
    expect(await subjects(first.id)).toEqual(['An administrator signed you out of 2 devices'])
    expect(await subjects(second.id)).toEqual(['An administrator signed you out of one device'])
  })

  test('a job that never finishes (a crash) still mails the people its committed batches signed out, after the hold', async () => {
    const user = await makeUser()
    const browserName = uniqueWord('Crash')
    const at = new Date()
    await sessionsOf(user.id, browserName, 3, at)
    const mail = new BulkSignOutMail(null, at)
    const ending = { reason: 'revoked-by-admin' as const, now: at }
    const [first] = await db.session.findMany({ where: { browserName }, take: 1 })
    await db.$transaction(async (tx) => mail.queue(tx, await endSessionsOf(tx, { id: first!.id }, ending)))
    await db.$transaction(async (tx) => mail.queue(tx, await endSessionsOf(tx, { browserName }, ending)))
    // …and the process dies here, before release().
    const [held, ...more] = await db.mailMessage.findMany({ where: { userId: user.id } })
    expect(more).toHaveLength(0)
    expect(held).toMatchObject({ status: 'pending', subject: 'An administrator signed you out of your devices' })
    expect(held!.nextAttemptAt.getTime()).toBe(at.getTime() + HOLD_MS)
    // The worker's due query sees it only once the hold is over.
    const dueAt = (when: Date) =>
      db.mailMessage.count({ where: { id: held!.id, status: 'pending', nextAttemptAt: { lte: when } } })
    expect(await dueAt(new Date())).toBe(0)
    expect(await dueAt(new Date(at.getTime() + HOLD_MS))).toBe(1)
  })
})
