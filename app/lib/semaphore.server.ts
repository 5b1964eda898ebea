/** Thrown when a bounded pool is full or a waiter waited too long: answer 429, try later. */
export class PoolBusyError extends Error {
  override name = 'PoolBusyError'
  constructor(readonly retryAfterSeconds: number) {
    super('busy')
  }
}

/**
 * At most `limit` tasks at once; up to `queue` more wait, each at most `maxWaitMs`.
 * Anything beyond is refused at once with PoolBusyError, so a flood costs a counter
 * check per request instead of piling up CPU work and memory.
 */
export class Semaphore {
  private running = 0
  private waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = []

  constructor(private readonly options: () => { limit: number; queue: number; maxWaitMs: number }) {}

  get active() {
    return this.running
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await task()
    } finally {
      this.release()
    }
  }

  private acquire(): Promise<void> {
    const { limit, queue, maxWaitMs } = this.options()
    if (this.running < limit) {
      this.running++
      return Promise.resolve()
    }
    const retryAfter = Math.max(1, Math.ceil(maxWaitMs / 1000))
    if (this.waiting.length >= queue) return Promise.reject(new PoolBusyError(retryAfter))
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer)
          this.running++
          resolve()
        },
        timer: setTimeout(() => {
          this.waiting = this.waiting.filter((other) => other !== entry)
          reject(new PoolBusyError(retryAfter))
        }, maxWaitMs),
      }
      this.waiting.push(entry)
    })
  }

  private release() {
    this.running--
    this.waiting.shift()?.start()
  }
}
