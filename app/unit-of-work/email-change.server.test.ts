import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { confirmEmailChange, requestEmailChange } from '~/unit-of-work/email-change.server.ts'
import { findUsableToken } from '~/mail/tokens.server.ts'
import { createSession } from '~/session/session.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { chromeOnWindows, makeUser } from '../../tests/setup/factories.ts'

async function signedIn() {
  const user = await makeUser()
  const { session } = await createSession({ userId: user.id, persistent: false, client: chromeOnWindows })
  return { user, session } as unknown as Authenticated
}

const tokenIn = (text: string) => /\/confirm-email\/([\w-]{43})/.exec(text)![1]!

describe('changing the email address', () => {
  test('the new address gets a link, the old one a notice; racing confirmations change it once', async () => {
    const auth = await signedIn()
    const newEmail = `new-${auth.user.id}@example.com`.toLowerCase()
    await requestEmailChange(auth, newEmail, '203.0.113.5')
    const mails = await db.mailMessage.findMany({ where: { userId: auth.user.id }, orderBy: { id: 'asc' } })
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
      [auth.user.email, 'Your Doorman email address is about to change'],
      [newEmail, 'Confirm your new email address for Doorman'],
    ])
    const link = await findUsableToken(tokenIn(mails[1]!.text), 'email-change')
    const outcomes = await Promise.all([1, 2, 3].map(() => confirmEmailChange(link!, '203.0.113.5')))
    expect(outcomes.sort()).toEqual(['changed', 'gone', 'gone'])
    expect((await db.user.findUniqueOrThrow({ where: { id: auth.user.id } })).email).toBe(newEmail)
    const changed = await db.mailMessage.findFirstOrThrow({ where: { userId: auth.user.id, kind: 'email-changed' } })
    expect(changed.to).toBe(auth.user.email)
    expect(await db.securityEvent.count({ where: { targetUserId: auth.user.id, type: 'email-changed' } })).toBe(1)
  })

  test('an address that already has an account gets no mail, and cannot be confirmed later', async () => {
    const auth = await signedIn()
    const other = await makeUser()
    await requestEmailChange(auth, other.email, '203.0.113.5')
    expect(await db.mailMessage.count({ where: { to: other.email } })).toBe(0)

    const free = `free-${auth.user.id}@example.com`.toLowerCase()
    await requestEmailChange(auth, free, '203.0.113.5')
    const mail = await db.mailMessage.findFirstOrThrow({ where: { to: free } })
    const link = await findUsableToken(tokenIn(mail.text), 'email-change')
    await db.user.update({ where: { id: other.id }, data: { email: free } })
    expect(await confirmEmailChange(link!, '203.0.113.5')).toBe('taken')
  })
})
