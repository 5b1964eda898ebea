import { db } from '~/db.server.ts'
import { onEnqueued } from '~/mail/queue.server.ts'
import { configuredTransport, type MailTransport } from '~/mail/transport.server.ts'

// Sends queued mail from inside the server process. It claims one due message at a time
// with a conditional update (so several app instances never send the same row twice
// within a lease), retries failures with doubling delays, and gives up after the last
// attempt, keeping the error. When idle it sleeps until the next retry is due or for at
// most IDLE_POLL_MS: one indexed query a minute; an enqueue here wakes it at once.

export type WorkerOptions = {
  transport?: MailTransport
  /** The first retry delay; each further one doubles, up to MAX_RETRY_MS. */
  retryBaseMs?: number
  maxAttempts?: number
  idlePollMs?: number
}

const LEASE_MS = 2 * 60_000
const MAX_RETRY_MS = 60 * 60_000

export function retryDelay(attempts: number, baseMs: number) {
  return Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1))
}

export class MailWorker {
  readonly transport: MailTransport
  private readonly retryBaseMs: number
  private readonly maxAttempts: number
  private readonly idlePollMs: number
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false
  private stopped = false
  private unsubscribe: (() => void) | null = null

  constructor(options: WorkerOptions = {}) {
    this.transport = options.transport ?? configuredTransport()
    this.retryBaseMs = options.retryBaseMs ?? 15_000
    this.maxAttempts = options.maxAttempts ?? 10
    this.idlePollMs = options.idlePollMs ?? 60_000
  }

  start() {
    this.stopped = false
    this.unsubscribe = onEnqueued(() => this.wake())
    this.wake()
    return this
  }

  async stop() {
    this.stopped = true
    this.unsubscribe?.()
    if (this.timer) clearTimeout(this.timer)
    await this.running
  }

  /** Sends everything due now; returns when the queue has nothing due. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    if (this.timer) clearTimeout(this.timer)
    this.running = this.drain()
      .catch((error: unknown) =>
        console.error('mail worker:', error instanceof Response ? 'database unavailable' : error),
      )
      .finally(() => {
        this.running = null
        if (!this.again) return void this.scheduleNext()
        this.again = false
        void this.wake()
      })
    return this.running
  }

  private async drain() {
    while (!this.stopped) {
      const now = new Date()
      const next = await db.mailMessage.findFirst({
        where: { status: 'pending', nextAttemptAt: { lte: now } },
        orderBy: { nextAttemptAt: 'asc' },
      })
      if (!next) return
      const claimed = await db.mailMessage.updateMany({
        where: { id: next.id, status: 'pending', nextAttemptAt: next.nextAttemptAt },
        data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
      })
      if (claimed.count === 1) await this.deliver({ ...next, attempts: next.attempts + 1 })
    }
  }

  private async deliver(message: { id: number; to: string; subject: string; text: string; attempts: number }) {
    try {
      await this.transport.send(message)
      await db.mailMessage.update({
        where: { id: message.id },
        data: { status: 'sent', sentAt: new Date(), lastError: null },
      })
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500)
      const giveUp = message.attempts >= this.maxAttempts
      console.error(
        `mail ${message.id} (attempt ${message.attempts}) ${giveUp ? 'failed for good' : 'will be retried'}: ${lastError}`,
      )
      await db.mailMessage.update({
        where: { id: message.id },
        data: giveUp
          ? { status: 'failed', lastError }
          : { lastError, nextAttemptAt: new Date(Date.now() + retryDelay(message.attempts, this.retryBaseMs)) },
      })
    }
  }

  private async scheduleNext() {
    if (this.stopped) return
    let delay = this.idlePollMs
    try {
      const next = await db.mailMessage.findFirst({
        where: { status: 'pending' },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      })
      if (next) delay = Math.min(delay, Math.max(0, next.nextAttemptAt.getTime() - Date.now()) + 50)
    } catch {
      // The database is away: try again after the idle poll.
    }
    if (this.stopped) return
    this.timer = setTimeout(() => void this.wake(), delay)
    this.timer.unref()
  }
}

// One worker per server process, started by entry.server.tsx (kept across dev reloads).
const key = Symbol.for('doorman.mailWorker')
const global = globalThis as { [key]?: MailWorker }

export function startMailWorker() {
  global[key] ??= new MailWorker().start()
  return global[key]
}

export async function stopMailWorker() {
  await global[key]?.stop()
  delete global[key]
}
