import { createHash } from 'node:crypto'
import { db } from '~/db.server.ts'
import { env } from '~/env.server.ts'
import { isUniqueViolation } from '~/models/db-errors.server.ts'

// Password attempts are counted per account-and-IP, per IP and per account, in the
// database (so every app instance sees them). Each key allows some free attempts, then
// blocks for a delay that doubles with each attempt up to a cap.
// The account-and-IP key is strict and checked first: it stops guessing from one place.
// The per-account key stops guessing spread over many IPs, but its delay is capped at a
// minute, so someone who only knows a victim's email cannot lock the victim out.
//
// An attempt is counted BEFORE its password is checked (`takeAttempt`), in one
// conditional write per key, so a burst of parallel requests cannot all slip past the
// limit while their slow hashes run; a right password gives the attempt back. See
// docs/decisions/007-unit-of-work.md.

type Rule = { free: number; baseMs: number; capMs: number }

const passwordRules = {
  'account-ip': { free: 5, baseMs: 1_000, capMs: 15 * 60_000 },
  ip: { free: 50, baseMs: 1_000, capMs: 60 * 60_000 },
  account: { free: 20, baseMs: 1_000, capMs: 60_000 },
} satisfies Record<string, Rule>

/** A counter to take an attempt from: its key in the table and its rule. */
export type ThrottleKey = { key: string; rule: Rule }

/** The keys a password attempt for `email` from `ip` counts against, strictest first. */
export function passwordKeys(email: string, ip: string): ThrottleKey[] {
  return [
    { key: `account-ip:${email}|${ip}`, rule: passwordRules['account-ip'] },
    { key: `account:${email}`, rule: passwordRules.account },
    { key: `ip:${ip}`, rule: passwordRules.ip },
  ]
}

/**
 * The keys a sign-up counts against: its IP (SIGNUP_FREE_PER_IP free, then a delay from a
 * minute up to an hour) and the email it names, hashed so that the table never holds
 * addresses of people who have no account.
 */
export function signupKeys(email: string, ip: string): ThrottleKey[] {
  const emailHash = createHash('sha256').update(email).digest('base64url')
  return [
    { key: `signup-email:${emailHash}`, rule: { free: 3, baseMs: 60_000, capMs: 60 * 60_000 } },
    { key: `signup-ip:${ip}`, rule: { free: env().SIGNUP_FREE_PER_IP, baseMs: 60_000, capMs: 60 * 60_000 } },
  ]
}

/** The delay that attempt number `attempts` (1-based) imposes on the next one. */
export function delayAfter(attempts: number, rule: Rule) {
  if (attempts < rule.free) return 0
  return Math.min(rule.capMs, rule.baseMs * 2 ** (attempts - rule.free))
}

export type Allowance = { ok: true; taken: string[] } | { ok: false; retryAfter: number }

/**
 * Counts one attempt against every key, strictest first; refuses (and gives back what it
 * took) as soon as one key is blocked. `retryAfter` is in whole seconds.
 */
export async function takeAttempt(keys: ThrottleKey[], now = new Date()): Promise<Allowance> {
  const taken: string[] = []
  for (const { key, rule } of keys) {
    const waitMs = await takeOne(key, rule, now)
    if (waitMs > 0) {
      await refundAttempt(taken)
      return { ok: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) }
    }
    taken.push(key)
  }
  return { ok: true, taken }
}

/**
 * One key: a compare-and-set on the row as read (its count and block), retried when a
 * parallel attempt changed it first. Every winner sees the count its predecessors left,
 * so the n-th parallel attempt is judged as the n-th, on SQLite and PostgreSQL alike.
 * Returns 0 when taken, else how long (ms) the key is still blocked.
 */
async function takeOne(key: string, rule: Rule, now: Date): Promise<number> {
  const blockAfter = (attempts: number) => {
    const delay = delayAfter(attempts, rule)
    return delay > 0 ? new Date(now.getTime() + delay) : null
  }
  for (let tries = 0; tries < 1_000; tries++) {
    const row = await db.loginThrottle.findUnique({ where: { key } })
    if (!row) {
      const created = await db.loginThrottle
        .create({ data: { key, failures: 1, lastFailureAt: now, blockedUntil: blockAfter(1) } })
        .then(() => true)
        .catch((error: unknown) => (isUniqueViolation(error) ? false : Promise.reject(error)))
      if (created) return 0
      continue // a parallel attempt created it first: take from its row
    }
    if (row.blockedUntil && row.blockedUntil > now) return row.blockedUntil.getTime() - now.getTime()
    const attempts = row.failures + 1
    const { count } = await db.loginThrottle.updateMany({
      where: { key, failures: row.failures, blockedUntil: row.blockedUntil },
      data: { failures: attempts, lastFailureAt: now, blockedUntil: blockAfter(attempts) },
    })
    if (count === 1) return 0
  }
  throw new Error(`throttle key ${key}: too much contention`)
}

/** Gives back attempts that were not spent on a wrong password (the block, if any, stays). */
export async function refundAttempt(keys: string[]) {
  if (keys.length === 0) return
  await db.loginThrottle.updateMany({
    where: { key: { in: keys }, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  })
}

/** A right password forgives this account's attempts; the IP only gets this one back. */
export async function forgiveAttempts(allowance: { taken: string[] }) {
  const forgiven = allowance.taken.filter((key) => key.startsWith('account-ip:') || key.startsWith('account:'))
  if (forgiven.length > 0) await db.loginThrottle.deleteMany({ where: { key: { in: forgiven } } })
  await refundAttempt(allowance.taken.filter((key) => !forgiven.includes(key)))
}

/** Seconds until a password attempt for this email from this IP is allowed, or 0 (read-only). */
export async function retryAfterSeconds(email: string, ip: string, now = new Date()): Promise<number> {
  const keys = passwordKeys(email, ip).map(({ key }) => key)
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, blockedUntil: { gt: now } } })
  const latest = Math.max(0, ...rows.map((row) => row.blockedUntil!.getTime() - now.getTime()))
  return Math.ceil(latest / 1000)
}
