import type { NextFunction, Request, Response } from 'express'

/** One line per request. Paths only: tokens live in cookies, never in URLs. */
export function requestLog(req: Request, res: Response, next: NextFunction) {
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`)
  })
  next()
}
