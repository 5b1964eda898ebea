import { db } from '~/db.server.ts'
import type { RejectReason } from '~/session/end-reasons.ts'

// Tells open pages, over server-sent events, when their session ends or when their
// user's device list changes. One timer per process polls the database for all open
// streams together (two indexed queries per tick, whatever the number of tabs), and
// stops when no stream is open, so an idle server does nothing. Polling the database,
// not process memory, means a revocation made on any app instance is seen here.

export type Subscriber = {
  sessionId: string
  userId: string
  /** When the page read its data (ms): a device change after it is news to this page. */
  since: number | null
  send: (event: string, data: unknown) => void
  ping: () => void
  close: () => void
}

const TICK_MS = 1_500
const HEARTBEAT_EVERY = 10 // ticks: a comment line every 15 s keeps proxies from closing idle streams

class LiveHub {
  private subscribers = new Set<Subscriber>()
  private timer: NodeJS.Timeout | null = null
  private ticks = 0
  private running = false
  private signatures = new Map<string, string>()

  subscribe(subscriber: Subscriber) {
    this.subscribers.add(subscriber)
    this.timer ??= setInterval(() => void this.tick(), TICK_MS)
    return () => this.unsubscribe(subscriber)
  }

  get size() {
    return this.subscribers.size
  }

  private unsubscribe(subscriber: Subscriber) {
    this.subscribers.delete(subscriber)
    if (this.subscribers.size === 0 && this.timer) {
      clearInterval(this.timer)
      this.timer = null
      this.signatures.clear()
    }
  }

  /** Ends every stream; used on shutdown so that the server can close. */
  closeAll() {
    for (const subscriber of this.subscribers) subscriber.close()
    this.subscribers.clear()
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  async tick(now = new Date()) {
    if (this.running || this.subscribers.size === 0) return
    this.running = true
    try {
      const subscribers = [...this.subscribers]
      await this.checkSessions(subscribers, now)
      await this.checkDeviceLists(subscribers.filter((subscriber) => this.subscribers.has(subscriber)))
      if (++this.ticks % HEARTBEAT_EVERY === 0) for (const subscriber of this.subscribers) subscriber.ping()
    } catch (error) {
      console.error('live updates: check failed', error)
    } finally {
      this.running = false
    }
  }

  private async checkSessions(subscribers: Subscriber[], now: Date) {
    const ids = [...new Set(subscribers.map((subscriber) => subscriber.sessionId))]
    const rows = new Map<string, RejectReason | null>()
    for (let start = 0; start < ids.length; start += 500) {
      const found = await db.session.findMany({
        where: { id: { in: ids.slice(start, start + 500) } },
        select: {
          id: true,
          endedAt: true,
          endReason: true,
          idleExpiresAt: true,
          absoluteExpiresAt: true,
          user: { select: { disabledAt: true } },
        },
      })
      for (const row of found) rows.set(row.id, endedBecause(row, now))
    }
    for (const subscriber of subscribers) {
      const reason = rows.has(subscriber.sessionId) ? rows.get(subscriber.sessionId) : 'unknown'
      if (!reason) continue
      subscriber.send('ended', { reason })
      subscriber.close()
      this.unsubscribe(subscriber)
    }
  }

  private async checkDeviceLists(subscribers: Subscriber[]) {
    const userIds = [...new Set(subscribers.map((subscriber) => subscriber.userId))]
    if (userIds.length === 0) return
    const groups = await db.session.groupBy({
      by: ['userId'],
      where: { userId: { in: userIds } },
      _max: { createdAt: true, endedAt: true },
      _count: { _all: true },
    })
    for (const group of groups) {
      const latest = Math.max(group._max.createdAt?.getTime() ?? 0, group._max.endedAt?.getTime() ?? 0)
      const signature = `${latest}|${group._count._all}`
      const previous = this.signatures.get(group.userId)
      this.signatures.set(group.userId, signature)
      const changed = previous !== undefined && previous !== signature
      for (const subscriber of subscribers) {
        if (subscriber.userId !== group.userId) continue
        const missedBeforeOpening = subscriber.since !== null && latest > subscriber.since
        subscriber.since = null
        if (changed || missedBeforeOpening) subscriber.send('devices-changed', {})
      }
    }
  }
}

function endedBecause(
  row: {
    endedAt: Date | null
    endReason: string | null
    idleExpiresAt: Date
    absoluteExpiresAt: Date
    user: { disabledAt: Date | null }
  },
  now: Date,
): RejectReason | null {
  if (row.endedAt) return (row.endReason as RejectReason | null) ?? 'signed-out'
  if (row.user.disabledAt) return 'user-disabled'
  if (row.absoluteExpiresAt <= now) return 'absolute-expiry'
  if (row.idleExpiresAt <= now) return 'idle-expiry'
  return null
}

// One hub per process, shared across dev-server reloads and with the server's shutdown.
const key = Symbol.for('doorman.live-hub')
const global = globalThis as { [key]?: LiveHub }
export const liveHub: LiveHub = (global[key] ??= new LiveHub())
