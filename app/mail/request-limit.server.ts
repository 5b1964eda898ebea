import { db } from '~/db.server.ts'

// A fixed-window counter per key, kept in the sign-in throttle table (its own key
// prefixes), so every app instance counts together. Used for mail that anyone can ask
// for without signing in, which must not become a way to flood someone's inbox.

export type Limit = { max: number; windowMs: number }

/** Counts one request against `key`; false when the window's allowance is spent. */
export async function takeRequest(key: string, limit: Limit, now = new Date()) {
  // A window that has passed starts over (one conditional statement, safe in parallel).
  await db.loginThrottle.updateMany({
    where: { key, lastFailureAt: { lt: new Date(now.getTime() - limit.windowMs) } },
    data: { failures: 0, lastFailureAt: now },
  })
  const row = await db.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 1, lastFailureAt: now },
    update: { failures: { increment: 1 } },
  })
  return row.failures <= limit.max
}
