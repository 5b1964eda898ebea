import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { RESET_LIMITS, requestPasswordReset } from '~/unit-of-work/recovery.server.ts'
import { makeUser } from '../../tests/setup/factories.ts'

// "Forgot password?" must not become a way to flood an inbox: throttled per email and per IP.

// Documentation-range IPv6 addresses, unique per call, so no other test shares a counter.
const uniqueIp = () =>
  `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`

describe('reset requests are throttled', () => {
  test(`per email: ${RESET_LIMITS.email.max} an hour, from any number of addresses; then no more mail`, async () => {
    const user = await makeUser()
    const answers = []
    for (let i = 0; i <= RESET_LIMITS.email.max; i++) answers.push(await requestPasswordReset(user.email, uniqueIp()))
    expect(answers).toEqual([...Array(RESET_LIMITS.email.max).fill('ok'), 'throttled'])
    expect(await db.mailMessage.count({ where: { userId: user.id, kind: 'password-reset-link' } })).toBe(
      RESET_LIMITS.email.max,
    )
  })

  test(`per IP: ${RESET_LIMITS.ip.max} an hour, whatever the emails; another IP is not held back`, async () => {
    const ip = uniqueIp()
    const asked = (n: number) => `someone-${n}-${Math.random().toString(36).slice(2)}@example.com`
    for (let i = 0; i < RESET_LIMITS.ip.max; i++) expect(await requestPasswordReset(asked(i), ip)).toBe('ok')
    const user = await makeUser()
    expect(await requestPasswordReset(user.email, ip)).toBe('throttled')
    expect(await db.mailMessage.count({ where: { userId: user.id } })).toBe(0)
    expect(await requestPasswordReset(user.email, uniqueIp())).toBe('ok')
    expect(await db.mailMessage.count({ where: { userId: user.id } })).toBe(1)
  })
})
