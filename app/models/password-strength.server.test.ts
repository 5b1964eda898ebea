import { describe, expect, test } from 'vitest'
import { weakPasswordReason } from './password-strength.server.ts'

describe('weakPasswordReason', () => {
  test.each(['password', '12345678', 'iloveyou', 'qwertyuiop', 'Passw0rd!'])(
    'refuses %s with a helpful message',
    async (password) => {
      expect(await weakPasswordReason(password)).toMatch(/too easy to guess.*Try a few unrelated words/)
    },
  )
  test('refuses a password made of the email address', async () => {
    expect(await weakPasswordReason('ada.lovelace1', ['ada.lovelace1@example.com'])).not.toBeNull()
  })
  test.each(['correct horse battery', 'a long enough password'])('accepts %s', async (password) => {
    expect(await weakPasswordReason(password)).toBeNull()
  })
})
