import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import {
  delayAfter,
  forgiveAttempts,
  passwordKeys,
  retryAfterSeconds,
  signupKeys,
  takeAttempt,
} from '~/models/login-throttle.server.ts'

const unique = () => `victim-${Math.random().toString(36).slice(2)}@example.com`
const take = (email: string, ip: string, now: Date) => takeAttempt(passwordKeys(email, ip), now)

describe('password attempt throttling', () => {
  test('the delay grows with each attempt from the last free one, up to a cap', () => {
    const rule = { free: 5, baseMs: 1000, capMs: 15 * 60_000 }
    expect([3, 4, 5, 6, 7, 8].map((n) => delayAfter(n, rule))).toEqual([0, 0, 1000, 2000, 4000, 8000])
    expect(delayAfter(40, rule)).toBe(15 * 60_000)
  })

  test('one IP guessing one account gets five attempts, then waits', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 5; n++) expect(await take(email, '192.0.2.1', now)).toMatchObject({ ok: true })
    expect(await take(email, '192.0.2.1', now)).toEqual({ ok: false, retryAfter: 1 })
    expect(await retryAfterSeconds(email, '192.0.2.1', now)).toBe(1)
  })

  test('forty attempts at once: exactly five are let through', async () => {
    const email = unique()
    const now = new Date()
    const results = await Promise.all(Array.from({ length: 40 }, () => take(email, '192.0.2.9', now)))
    expect(results.filter((result) => result.ok)).toHaveLength(5)
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `account-ip:${email}|192.0.2.9` } })
    expect(row.failures).toBe(5)
  })

  test('the delays double while the guessing goes on', async () => {
    const email = unique()
    let now = Date.now()
    for (let n = 0; n < 5; n++) await take(email, '192.0.2.4', new Date(now))
    const waits: number[] = []
    for (let n = 0; n < 4; n++) {
      now += 3_600_000 // long enough for any block to pass
      await take(email, '192.0.2.4', new Date(now))
      waits.push(await retryAfterSeconds(email, '192.0.2.4', new Date(now)))
    }
    expect(waits).toEqual([2, 4, 8, 16])
  })

  test('an attacker who only knows the email cannot lock the victim out for long', async () => {
    const email = unique()
    let now = Date.now()
    // Many attempts from many addresses against one account, over time.
    for (let n = 0; n < 200; n++) {
      await take(email, `198.51.100.${n % 250}`, new Date(now))
      now += 61_000
    }
    const victimWait = await retryAfterSeconds(email, '203.0.113.77', new Date(now - 61_000))
    expect(victimWait).toBeGreaterThan(0)
    expect(victimWait).toBeLessThanOrEqual(60)
  })

  test('a right password forgives the account; the IP only gets its attempt back', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 4; n++) await take(email, '192.0.2.2', now)
    const last = await take(email, '192.0.2.2', now)
    if (!last.ok) throw new Error('expected the fifth attempt to pass')
    expect(await retryAfterSeconds(email, '192.0.2.2', now)).toBe(1)
    await forgiveAttempts(last)
    expect(await retryAfterSeconds(email, '192.0.2.2', now)).toBe(0)
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: 'ip:192.0.2.2' } })).failures).toBe(4)
  })

  test('the block ends when its time has passed', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 5; n++) await take(email, '192.0.2.3', now)
    expect(await take(email, '192.0.2.3', new Date(now.getTime() + 1_001))).toMatchObject({ ok: true })
  })

  test('sign-ups are counted per email, hashed, so the table holds no address', async () => {
    const email = unique()
    const now = new Date()
    for (let n = 0; n < 3; n++)
      expect(await takeAttempt(signupKeys(email, `192.0.2.${n}`), now)).toMatchObject({ ok: true })
    expect(await takeAttempt(signupKeys(email, '192.0.2.99'), now)).toMatchObject({ ok: false, retryAfter: 60 })
    expect(await db.loginThrottle.count({ where: { key: { contains: email } } })).toBe(0)
  })
})
