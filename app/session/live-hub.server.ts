import { db } from '~/db.server.ts'
import { readDeviceSignatures, type Reader } from '~/session/live/live-queries.server.ts'
import { recheckStreams, type Subscriber } from '~/session/live/recheck.server.ts'

// Tells open pages, over server-sent events, when their session ends or when their
// user's device list changes. The hub holds this process's open streams and re-checks
// them against the database only when told that something changed (decision 015):
// `changed(userIds)` from the live bus (PostgreSQL NOTIFY, or a write made by this
// process on SQLite), `changedAll()` after the listener reconnects, and `poll()` on
// SQLite for writes made by other processes. Idle open streams cost no query each.

export type { Subscriber }

const TICK_MS = 1_500
const HEARTBEAT_EVERY = 10 // ticks: a comment line every 15 s keeps proxies from closing idle streams

export type HubOptions = {
  /** Called every tick while streams are open (the SQLite poll, the PostgreSQL floor). */
  onTick?: (hub: LiveHub, now: number) => Promise<void> | void
  /** Runs a re-check's reads (SQLite: in a transaction, so they wait for the writer's commit). */
  read?: <T>(work: (reader: Reader) => Promise<T>) => Promise<T>
  /** Called when a stream opens (PostgreSQL: start listening). */
  onSubscribe?: () => void
}

export class LiveHub {
  private subscribers = new Set<Subscriber>()
  private timer: NodeJS.Timeout | null = null
  private ticks = 0
  private signatures = new Map<string, string>()
  private pending = new Set<string>()
  /** Users whose pages are told "devices changed" without comparing signatures (a rename). */
  private pendingListChanged = new Set<string>()
  private pendingAll = false
  private running: Promise<void> | null = null

  /** `tickMs`: how often the timer runs while streams are open. */
  constructor(private readonly tickMs = TICK_MS) {}

  private options: HubOptions = {}

  configure(options: HubOptions) {
    this.options = options
  }

  subscribe(subscriber: Subscriber) {
    this.subscribers.add(subscriber)
    this.options.onSubscribe?.()
    this.timer ??= setInterval(() => void this.tick(), this.tickMs)
    // A first check: records the device list, and tells of a change made before the
    // stream opened (after the page read its data).
    void this.changed([subscriber.userId])
    return () => this.unsubscribe(subscriber)
  }

  get size() {
    return this.subscribers.size
  }

  /** The users whose streams are open here (for the SQLite poll). */
  get userIds() {
    return [...new Set([...this.subscribers].map((subscriber) => subscriber.userId))]
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

  /**
   * Something about these users' sessions changed: re-check their open streams.
   * `listChanged`: their device list changed in a way the signature cannot show (a
   * rename), so their pages are told whatever the re-check finds.
   */
  changed(userIds: Iterable<string>, { listChanged = false } = {}) {
    for (const id of userIds) {
      this.pending.add(id)
      if (listChanged) this.pendingListChanged.add(id)
    }
    return this.flush()
  }

  /** Anything may have changed (missed notifications): re-check every open stream. */
  changedAll() {
    this.pendingAll = true
    return this.flush()
  }

  /** Runs the pending re-checks, one batch at a time; resolves when none is left. */
  flush(): Promise<void> {
    this.running ??= this.drain()
    return this.running
  }

  private async drain() {
    // Let the writes of this turn gather into one batch.
    await new Promise((resolve) => setImmediate(resolve))
    while (this.pendingAll || this.pending.size > 0) {
      const all = this.pendingAll
      const users = this.pending
      const listChanged = this.pendingListChanged
      this.pendingAll = false
      this.pending = new Set()
      this.pendingListChanged = new Set()
      const watched = [...this.subscribers].filter((subscriber) => all || users.has(subscriber.userId))
      if (watched.length === 0) continue
      try {
        await this.recheck(watched, listChanged)
      } catch (error) {
        console.error('live updates: re-check failed', error instanceof Error ? error.message : error)
      }
    }
    // No await between the last look at `pending` and this: a later change starts a new drain.
    this.running = null
  }

  async tick(now = Date.now()) {
    if (this.subscribers.size === 0) return
    const tick = ++this.ticks
    const due = [...this.subscribers].filter((subscriber) => (subscriber.expiresAt ?? Infinity) <= now)
    if (due.length > 0) void this.changed(due.map((subscriber) => subscriber.userId))
    try {
      await this.options.onTick?.(this, now)
    } catch (error) {
      console.error('live updates: check failed', error instanceof Error ? error.message : error)
    }
    if (tick % HEARTBEAT_EVERY === 0) for (const subscriber of this.subscribers) subscriber.ping()
  }

  /** SQLite's poll: one aggregate for every open stream's user; re-checks the changed ones. */
  async pollDeviceLists() {
    const userIds = this.userIds
    if (userIds.length === 0) return
    const latest = await readDeviceSignatures(db, userIds)
    const changed = userIds.filter((id) => this.signatures.get(id) !== latest.get(id)?.signature)
    if (changed.length > 0) await this.changed(changed)
  }

  private async recheck(watched: Subscriber[], listChanged: Set<string>) {
    const read = this.options.read ?? ((work) => work(db))
    const isOpen = (subscriber: Subscriber) => this.subscribers.has(subscriber)
    const { ended } = await recheckStreams(watched, { read, signatures: this.signatures, listChanged, isOpen })
    for (const subscriber of ended) this.unsubscribe(subscriber)
  }
}

// One hub per process, shared across dev-server reloads and with the server's shutdown.
const key = Symbol.for('doorman.live-hub')
const global = globalThis as { [key]?: LiveHub }
export const liveHub: LiveHub = (global[key] ??= new LiveHub())
