import { db } from '~/db.server.ts'

// Failed sign-ins are counted per account-and-IP, per IP and per account, in the
// database (so every app instance sees them). Each key allows some free attempts, then
// blocks for a delay that doubles with each failure up to a cap.
// The account-and-IP key is strict and checked first: it stops guessing from one place.
// The per-account key stops guessing spread over many IPs, but its delay is capped at a
// minute, so someone who only knows a victim's email cannot lock the victim out.

type Rule = { free: number; baseMs: number; capMs: number }

const rules = {
  'account-ip': { free: 5, baseMs: 1_000, capMs: 15 * 60_000 },
  ip: { free: 50, baseMs: 1_000, capMs: 60 * 60_000 },
  account: { free: 20, baseMs: 1_000, capMs: 60_000 },
} satisfies Record<string, Rule>

type Scope = keyof typeof rules

function keysFor(email: string, ip: string): Array<[Scope, string]> {
  return [
    ['account-ip', `account-ip:${email}|${ip}`],
    ['account', `account:${email}`],
    ['ip', `ip:${ip}`],
  ]
}

/** Seconds to wait before another attempt is allowed, or 0. */
export async function retryAfterSeconds(email: string, ip: string, now = new Date()): Promise<number> {
  const keys = keysFor(email, ip).map(([, key]) => key)
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, blockedUntil: { gt: now } } })
  const latest = Math.max(0, ...rows.map((row) => row.blockedUntil!.getTime() - now.getTime()))
  return Math.ceil(latest / 1000)
}

export function delayAfter(failures: number, rule: Rule) {
  if (failures <= rule.free) return 0
  return Math.min(rule.capMs, rule.baseMs * 2 ** (failures - rule.free - 1))
}

export async function recordFailure(email: string, ip: string, now = new Date()) {
  for (const [scope, key] of keysFor(email, ip)) {
    const row = await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: { failures: { increment: 1 }, lastFailureAt: now },
    })
    const delay = delayAfter(row.failures, rules[scope])
    if (delay > 0)
      await db.loginThrottle.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + delay) } })
  }
}

/** A successful sign-in forgives this account's failures (the IP's count stays). */
export async function recordSuccess(email: string, ip: string) {
  await db.loginThrottle.deleteMany({ where: { key: { in: [`account-ip:${email}|${ip}`, `account:${email}`] } } })
}
