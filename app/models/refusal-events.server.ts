import { db } from '~/db.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'

// Refused requests (403s, 429s, actions on someone else's session) leave security
// events (ASVS V16.3.2, V16.3.3), but a flood must not fill the table or load the
// database: they are counted in memory per source and window, and written as one event
// per (type, source, reason) and window. Past MAX_SOURCES sources in one window, the
// rest are counted together under no address.

export type RefusalType = 'access-refused' | 'sign-in-throttled'
export type Refusal = { type: RefusalType; ip: string | null; reason: string; userId?: string | null }

export const REFUSAL_WINDOW_MS = 60_000
const MAX_SOURCES = 200

type Tally = Refusal & { count: number; firstAt: Date }
let tallies = new Map<string, Tally>()
let timer: NodeJS.Timeout | null = null

/** Counts one refused request; the window's totals are written when it closes. */
export function noteRefusal(refusal: Refusal) {
  let key = `${refusal.type}|${refusal.ip}|${refusal.reason}|${refusal.userId ?? ''}`
  if (!tallies.has(key) && tallies.size >= MAX_SOURCES) {
    refusal = { type: refusal.type, ip: null, reason: 'many-sources' }
    key = `${refusal.type}|many`
  }
  const tally = tallies.get(key)
  if (tally) tally.count++
  else tallies.set(key, { ...refusal, count: 1, firstAt: new Date() })
  timer ??= setTimeout(() => void flushRefusals(), REFUSAL_WINDOW_MS).unref()
}

/** Writes the current window's tallies (one event each); a failed write is logged. */
export async function flushRefusals() {
  const batch = [...tallies.values()]
  tallies = new Map()
  if (timer) clearTimeout(timer)
  timer = null
  if (batch.length === 0) return
  try {
    await db.$transaction(async (tx) => {
      for (const tally of batch) {
        await recordEvent(tx, {
          type: tally.type,
          targetUserId: tally.userId ?? null,
          ip: tally.ip,
          details: { reason: tally.reason, count: tally.count, since: tally.firstAt.toISOString() },
        })
      }
    })
  } catch (error) {
    console.error(
      `refused-request events not recorded (${batch.length}):`,
      error instanceof Response ? error.status : error,
    )
  }
}
