/**
 * Gives pending I/O a turn. better-sqlite3 answers synchronously, so through Prisma a loop
 * of queries runs as one long chain of microtasks: without a macrotask break in between,
 * no other request (and no byte of a streamed response) is served until the loop ends.
 * Measured: a 1M-row CSV export held every other request for 15 s before this.
 */
export function yieldToEventLoop() {
  return new Promise<void>((resolve) => setImmediate(resolve))
}

/**
 * Between two batches of a long job: a turn for pending I/O, then a pause three times as
 * long as the batch took (capped), so that the job uses at most about a quarter of the
 * process's time and requests that arrive meanwhile are answered within a batch
 * (docs/decisions/009, 024).
 */
export async function pauseAfterBatch(batchMs: number) {
  await yieldToEventLoop()
  const pause = Math.min(Math.max(batchMs * 3, 0), 100)
  if (pause >= 1) await new Promise<void>((resolve) => setTimeout(resolve, pause))
}
