import { describe, expect, test } from 'vitest'
import { PoolBusyError, Semaphore } from '~/lib/semaphore.server.ts'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a bounded pool', () => {
  test('runs at most `limit` tasks at once and queues the next ones', async () => {
    const pool = new Semaphore(() => ({ limit: 2, queue: 10, maxWaitMs: 5_000 }))
    let running = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 8 }, () =>
        pool.run(async () => {
          most = Math.max(most, ++running)
          await pause(5)
          running--
        }),
      ),
    )
    expect(most).toBe(2)
  })

  test('refuses at once beyond the queue, and after the longest wait', async () => {
    const pool = new Semaphore(() => ({ limit: 1, queue: 1, maxWaitMs: 50 }))
    const results = await Promise.allSettled([
      pool.run(() => pause(200)),
      pool.run(() => pause(1)), // waits, then times out after 50 ms
      pool.run(() => pause(1)), // the queue is full: refused at once
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected'])
    const reason = (results[2] as PromiseRejectedResult).reason as PoolBusyError
    expect(reason).toBeInstanceOf(PoolBusyError)
    expect(reason.retryAfterSeconds).toBe(1)
    expect(pool.active).toBe(0)
  })
})
