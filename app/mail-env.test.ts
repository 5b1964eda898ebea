import { describe, expect, test } from 'vitest'
import { parseEnv } from '~/env.server.ts'
import { mailStartLine } from '~/mail-env.ts'

describe('mail settings', () => {
  test('unset: no SMTP, the outbox in data/outbox', () => {
    const config = parseEnv({})
    expect(config.SMTP_URL).toBeUndefined()
    expect(config.MAIL_OUTBOX).toBe('data/outbox')
    expect(mailStartLine(config, (dir) => `/app/${dir}`)).toBe(
      'Mail: no SMTP_URL is set, so messages are written to /app/data/outbox (open them with any mail program).',
    )
  })

  test('an SMTP URL with a sender is accepted, and the start line hides the password', () => {
    const config = parseEnv({
      SMTP_URL: 'smtp://user:secret@mail.example.com:587',
      MAIL_FROM: 'Doorman <d@example.com>',
    })
    expect(config.SMTP_URL).toBe('smtp://user:secret@mail.example.com:587')
    expect(mailStartLine(config, (dir) => dir)).toBe('Mail is sent through mail.example.com:587.')
    expect(parseEnv({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: 'd@example.com' }).MAIL_FROM).toBe(
      'd@example.com',
    )
  })

  test.each([
    [
      { SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'd@example.com' },
      /^Invalid SMTP_URL="http:\/\/mail.example.com": expected a URL/,
    ],
    [{ SMTP_URL: 'not a url', MAIL_FROM: 'd@example.com' }, /^Invalid SMTP_URL=/],
    [{ SMTP_URL: 'smtp://mail.example.com' }, /^Invalid MAIL_FROM="": required when SMTP_URL is set$/],
    [{ MAIL_FROM: 'nobody' }, /^Invalid MAIL_FROM="nobody": expected an address/],
  ])('a bad value stops the start with one line naming it: %j', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message)
    try {
      parseEnv(source)
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1)
    }
  })
})
