import { PoolBusyError } from '~/lib/semaphore.server.ts'
import { forgiveAttempts, refundAttempt, takeAttempt, type ThrottleKey } from '~/models/login-throttle.server.ts'

// Steps 1 and 2 of a change that needs a password (docs/decisions/007-unit-of-work.md):
// take an attempt from the throttle first, in one conditional write per key, then run
// the slow check outside any transaction. A right password gives the attempt back.

export type Refusal = { ok: false; why: 'throttled' | 'busy'; retryAfter: number } | { ok: false; why: 'wrong' }
export type Attempt<T> = { ok: true; value: T } | Refusal

/** Runs `check` (null = wrong password) if the throttle allows one more attempt. */
export async function attemptPassword<T>(keys: ThrottleKey[], check: () => Promise<T | null>): Promise<Attempt<T>> {
  const allowance = await takeAttempt(keys)
  if (!allowance.ok) return { ok: false, why: 'throttled', retryAfter: allowance.retryAfter }
  let value: T | null
  try {
    value = await check()
  } catch (error) {
    // Too many hashes at once: no password was checked, so the attempt is given back.
    if (!(error instanceof PoolBusyError)) throw error
    await refundAttempt(allowance.taken)
    return { ok: false, why: 'busy', retryAfter: error.retryAfterSeconds }
  }
  if (value === null) return { ok: false, why: 'wrong' }
  await forgiveAttempts(allowance)
  return { ok: true, value }
}

/** What to tell a person who must wait (429 with Retry-After). */
export function waitMessage(refusal: { why: 'throttled' | 'busy'; retryAfter: number }) {
  const seconds = `${refusal.retryAfter} second${refusal.retryAfter === 1 ? '' : 's'}`
  return refusal.why === 'busy'
    ? `We are handling many sign-ins right now. Please try again in ${seconds}.`
    : `Too many attempts. Try again in ${seconds}.`
}
