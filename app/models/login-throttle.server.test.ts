import { describe, expect, test } from 'vitest'
import { delayAfter, recordFailure, recordSuccess, retryAfterSeconds } from '~/models/login-throttle.server.ts'

const unique = () => `victim-${Math.random().toString(36).slice(2)}@example.com`

describe('sign-in throttling', () => {
  test('the delay grows with each failure past the free attempts, up to a cap', () => {
    const rule = { free: 5, baseMs: 1000, capMs: 15 * 60_000 }
    expect([4, 5, 6, 7, 8, 9].map((n) => delayAfter(n, rule))).toEqual([0, 0, 1000, 2000, 4000, 8000])
    expect(delayAfter(40, rule)).toBe(15 * 60_000)
  })

  test('one IP guessing one account is blocked after five failures', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 5; n++) await recordFailure(email, '192.0.2.1', now)
    expect(await retryAfterSeconds(email, '192.0.2.1', now)).toBe(0)
    await recordFailure(email, '192.0.2.1', now)
    expect(await retryAfterSeconds(email, '192.0.2.1', now)).toBe(1)
    for (let n = 0; n < 10; n++) await recordFailure(email, '192.0.2.1', now)
    expect(await retryAfterSeconds(email, '192.0.2.1', now)).toBeGreaterThan(500)
  })

  test('an attacker who only knows the email cannot lock the victim out for long', async () => {
    const email = unique()
    const now = new Date()
    // Many failures from many addresses against one account.
    for (let n = 0; n < 200; n++) await recordFailure(email, `198.51.100.${n % 250}`, now)
    const victimWait = await retryAfterSeconds(email, '203.0.113.77', now)
    expect(victimWait).toBeGreaterThan(0)
    expect(victimWait).toBeLessThanOrEqual(60)
  })

  test('a successful sign-in forgives the account', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 8; n++) await recordFailure(email, '192.0.2.2', now)
    expect(await retryAfterSeconds(email, '192.0.2.2', now)).toBeGreaterThan(0)
    await recordSuccess(email, '192.0.2.2')
    expect(await retryAfterSeconds(email, '192.0.2.2', now)).toBe(0)
  })

  test('the block ends when its time has passed', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 7; n++) await recordFailure(email, '192.0.2.3', now)
    expect(await retryAfterSeconds(email, '192.0.2.3', new Date(now.getTime() + 3_000))).toBe(0)
  })
})
