import zlib from 'node:zlib'
import compression from 'compression'
import type { NextFunction, Request, Response } from 'express'

// Compression that pays for itself, each choice measured (docs/decisions/022-compression.md):
// - Brotli quality 2 with a 256 KB window, gzip level 4: a signed-in page costs about
//   what gzip 1 costs and compresses like Brotli 4 / gzip 6 did (the middleware's
//   defaults, Brotli 4 with a 4 MB window, cost a third more CPU and a large allocation
//   per response).
// - Remix flushes after every chunk it writes, which made every chunk a compressed block
//   of its own and doubled the cost; flushes are coalesced to one per turn of the event
//   loop, so a burst of chunks is compressed together and streaming stays prompt.
// - Tiny bodies go out as they are: a body of unknown length that ends in the turn it
//   started in is measured first, and one under the threshold is not compressed.
// - The event stream is never compressed, so nothing ever holds its frames back.

const threshold = 1024

const isEventStream = (res: Response) => String(res.getHeader('Content-Type')).startsWith('text/event-stream')

export function compressResponses() {
  const compress = compression({
    threshold,
    level: 4,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
    filter: (req, res) => !isEventStream(res) && compression.filter(req, res),
  })
  return (req: Request, res: Response, next: NextFunction) =>
    compress(req, res, (error?: unknown) => {
      if (error) return next(error)
      measureSmallBodies(res)
      coalesceFlushes(res)
      next()
    })
}

type Chunk = string | Buffer | Uint8Array

/** Holds a body's first chunk until the body ends or the event loop turns, whichever is first. */
function measureSmallBodies(res: Response) {
  const write = res.write.bind(res) as (chunk: Chunk) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  let held: Chunk | null = null
  let passThrough = false
  const release = () => {
    passThrough = true
    if (held === null) return
    const chunk = held
    held = null
    write(chunk)
  }
  res.write = function (chunk: Chunk, ...rest: unknown[]) {
    if (passThrough || res.headersSent || res.getHeader('Content-Length') !== undefined || isEventStream(res)) {
      release()
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest)
    }
    held = chunk
    passThrough = true
    setImmediate(release)
    return true
  } as Response['write']
  res.end = function (...args: unknown[]) {
    if (held !== null && (args.length === 0 || typeof args[0] === 'function')) {
      const chunk = held
      held = null
      // One chunk and the end: compression now knows the length and applies the threshold.
      return end(chunk, ...args)
    }
    release()
    return end(...args)
  } as Response['end']
}

/** Remix calls res.flush() after every chunk; flush once per turn of the event loop instead. */
function coalesceFlushes(res: Response) {
  const flush = (res as Response & { flush?: () => void }).flush
  if (!flush) return
  let pending = false
  ;(res as Response & { flush: () => void }).flush = () => {
    if (pending) return
    pending = true
    setImmediate(() => {
      pending = false
      if (!res.writableEnded) flush.call(res)
    })
  }
}
