import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { queueRoleChanged } from '~/mail/notify.server.ts'
import { onEnqueued } from '~/mail/queue.server.ts'
import { createMailToken, findUsableToken } from '~/mail/tokens.server.ts'
import { commandLineActor } from '~/models/admin/actor.server.ts'
import { createSession, validateSessionToken } from '~/session/session.server.ts'
import { setRole } from '~/unit-of-work/admin.server.ts'
import { changePassword } from '~/unit-of-work/change-password.server.ts'
import { requestPasswordReset, resetPassword, secureAccountByLink } from '~/unit-of-work/recovery.server.ts'
import { signInWithPassword } from '~/unit-of-work/sign-in.server.ts'
import { transact } from '~/unit-of-work/transaction.server.ts'
import { chromeOnWindows, firefoxOnLinux, makeUser } from '../../tests/setup/factories.ts'

// The transactional outbox (decision 019): a mail row exists exactly when its change
// committed. Each unit of work queues its mail inside its own transaction.

const mails = (userId: string) =>
  db.mailMessage.findMany({ where: { userId }, orderBy: { id: 'asc' }, select: { kind: true, to: true, text: true } })
const kinds = async (userId: string) => (await mails(userId)).map((mail) => mail.kind)
const tokenIn = (text: string, path: string) => new RegExp(`${path}([\\w-]{43})`).exec(text)![1]!

describe('mail commits with its change, or not at all', () => {
  test('a transaction that fails after queueing leaves no mail and wakes no worker; a committed one, one mail and one wake', async () => {
    const user = await makeUser()
    let wakes = 0
    const stop = onEnqueued(() => wakes++)
    try {
      const promote = (fail: boolean) =>
        transact(async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { role: 'admin' } })
          await queueRoleChanged(tx, user, 'admin')
          if (fail) throw new Error('the process dies before the commit')
        })
      await expect(promote(true)).rejects.toThrow('the process dies')
      expect(await mails(user.id)).toEqual([])
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('user')
      expect(wakes).toBe(0)
      await promote(false)
      expect(await kinds(user.id)).toEqual(['admin-role-changed'])
      expect(wakes).toBe(1)
    } finally {
      stop()
    }
  })

  test('a mail that cannot be written takes its change down with it (the role stays, the sessions too)', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const trigger = `refuse_mail_${user.id.replace(/\W/g, '')}`
    await db.$executeRawUnsafe(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON MailMessage WHEN NEW."to" = '${user.email}' ` +
        `BEGIN SELECT RAISE(ABORT, 'mail table unwritable'); END`,
    )
    try {
      await expect(setRole(commandLineActor, user.id, 'admin')).rejects.toThrow() // Prisma words SQLite's RAISE(ABORT) as a constraint error
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${trigger}`)
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('user')
    expect((await validateSessionToken(token, chromeOnWindows)).ok).toBe(true)
    expect(await db.securityEvent.count({ where: { targetUserId: user.id, type: 'role-changed' } })).toBe(0)
  })
})

describe('each change queues exactly one mail in its own transaction', () => {
  test('a sign-in from a new browser: its alert; the first sign-in and a familiar one: none', async () => {
    const user = await makeUser()
    const signIn = (client = chromeOnWindows) =>
      signInWithPassword({ email: user.email, password: user.password, remember: false, client, replacing: null })
    expect(await signIn()).toMatchObject({ ok: true })
    expect(await signIn()).toMatchObject({ ok: true })
    expect(await mails(user.id)).toEqual([])
    expect(await signIn(firefoxOnLinux)).toMatchObject({ ok: true })
    expect(await kinds(user.id)).toEqual(['new-sign-in'])
  })

  test('a password change: one mail; one refused because the session ended meanwhile: none', async () => {
    const user = await makeUser()
    const { token } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const auth = await validateSessionToken(token, chromeOnWindows)
    if (!auth.ok) throw new Error('expected a valid session')
    const change = (newPassword: string) =>
      changePassword(auth, { currentPassword: user.password, newPassword, signOutOthers: true, ip: '192.0.2.1' })
    await db.session.update({ where: { id: auth.session.id }, data: { endedAt: new Date(), endReason: 'signed-out' } })
    await expect(change('tangerine-vault-orbit-42')).rejects.toBeInstanceOf(Response)
    expect(await mails(user.id)).toEqual([])
    await db.session.update({ where: { id: auth.session.id }, data: { endedAt: null, endReason: null } })
    expect(await change('tangerine-vault-orbit-42')).toMatchObject({ ok: true })
    expect(await kinds(user.id)).toEqual(['password-changed'])
  })

  test('a reset: one link mail, then racing uses of the link change the password once and confirm once', async () => {
    const user = await makeUser()
    expect(await requestPasswordReset(user.email, '192.0.2.2')).toBe('ok')
    const [request] = await mails(user.id)
    expect(request).toMatchObject({ kind: 'password-reset-link', to: user.email })
    const link = (await findUsableToken(tokenIn(request!.text, '/reset-password/'), 'password-reset'))!
    const outcomes = await Promise.all([1, 2, 3].map(() => resetPassword(link, 'fresh passphrase here', '192.0.2.2')))
    expect(outcomes.filter(Boolean)).toHaveLength(1)
    expect(await kinds(user.id)).toEqual(['password-reset-link', 'password-reset'])
  })

  test('"Not you?": racing clicks sign the device out once and mail one note', async () => {
    const user = await makeUser()
    const { session } = await createSession({ userId: user.id, persistent: true, client: firefoxOnLinux })
    const token = await transact((tx) =>
      createMailToken({ purpose: 'not-me', userId: user.id, sessionId: session.id }, tx),
    )
    const link = (await findUsableToken(token, 'not-me'))!
    const outcomes = await Promise.all([1, 2, 3].map(() => secureAccountByLink(link, '192.0.2.3')))
    expect(outcomes.filter(Boolean)).toHaveLength(1)
    const [note, ...more] = await mails(user.id)
    expect(more).toEqual([])
    expect(note).toMatchObject({ kind: 'not-me', to: user.email })
    expect(note!.text).toContain('signed Firefox 133 on Linux out of your Doorman account')
  })
})
