import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// SQLite in WAL mode copies the log back into the database file ("checkpoint") when the
// log passes wal_autocheckpoint pages, inside the COMMIT that crossed the line. With
// better-sqlite3 that COMMIT runs on the event loop, so every ~1,000 pages one unlucky
// write stalls every request for the copy and two fsyncs: 15-30 ms here, most of a bulk
// job's time. Instead a worker thread with its own connection runs PASSIVE checkpoints
// (they never block readers or the writer): every few ms while the log grows, twice a
// second otherwise. The app's connection only checkpoints itself as a safety net, if the
// log gets far larger (the worker fell behind or stopped). Why: docs/decisions/024.

/** The app connection's own checkpoint threshold (pages): reached only if the worker falls behind. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000
/** The log file is cut back to this size when it restarts after growing during a long job. */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024
/** Between checkpoints: while the log grows, and while it does not. */
const BUSY_MS = 2
const IDLE_MS = 500

// Plain CommonJS, evaluated in the worker: it must not depend on the app's build. Its own
// timer, so a busy event loop in the app cannot delay it: soon again while the log grows,
// so that it catches up between two writes and the next writer can restart the log.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const Database = require(workerData.driver)
let db = null
let opened = null
let lastFailure = ''
const identity = () => { const s = fs.statSync(workerData.file); return s.dev + ':' + s.ino }
function checkpoint() {
  try {
    // A file replaced or deleted under us: checkpoint the new one, never create one.
    if (db && opened !== identity()) { db.close(); db = null }
    if (!db) {
      db = new Database(workerData.file, { fileMustExist: true, timeout: 0 })
      opened = identity()
    }
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    lastFailure = ''
    return { ok: true, busy: result.busy, log: result.log, checkpointed: result.checkpointed }
  } catch (error) {
    try { if (db) db.close() } catch {}
    db = null
    const message = String(error && error.message)
    const result = { ok: false, message, first: message !== lastFailure }
    lastFailure = message
    return result
  }
}
let timer = null
function loop(previous) {
  const result = checkpoint()
  if (!result.ok && result.first) parentPort.postMessage(result)
  const copied = result.ok ? result.checkpointed - previous : 0
  timer = setTimeout(() => loop(result.ok ? result.checkpointed : 0), copied > 0 ? workerData.busyMs : workerData.idleMs)
}
parentPort.on('message', (message) => {
  if (message === 'now') parentPort.postMessage({ reply: checkpoint() })
})
loop(0)
`

export type CheckpointResult =
  { ok: true; busy: number; log: number; checkpointed: number } | { ok: false; message: string }

export type Checkpointer = {
  /** Runs one checkpoint now (the worker's own timer does this by itself). */
  checkpoint: () => Promise<CheckpointResult>
  stop: () => Promise<void>
}

/** Starts the background checkpointer for the SQLite file at `file`. */
export function startCheckpointer(file: string, options: { idleMs?: number; busyMs?: number } = {}): Checkpointer {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      idleMs: options.idleMs ?? IDLE_MS,
      busyMs: options.busyMs ?? BUSY_MS,
    },
  })
  worker.unref()
  const replies: ((result: CheckpointResult) => void)[] = []
  worker.on('message', (message: { reply?: CheckpointResult } & Partial<{ ok: false; message: string }>) => {
    if (message.reply) replies.shift()?.(message.reply)
    // A database that is gone or locked is reported by the request path; log each cause once.
    else if (message.ok === false) console.error(`WAL checkpoint failed: ${message.message}`)
  })
  worker.on('error', (error) => console.error('WAL checkpointer stopped:', error))
  return {
    checkpoint: () =>
      new Promise<CheckpointResult>((resolve) => {
        replies.push(resolve)
        worker.postMessage('now')
      }),
    stop: async () => {
      await worker.terminate()
    },
  }
}
