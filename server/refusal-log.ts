import type { NextFunction, Request, Response } from 'express'
import { clientIpOf } from './client-ip.ts'

type Note = (refusal: { type: 'access-refused' | 'sign-in-throttled'; ip: string | null; reason: string }) => void

/**
 * Every refused request leaves a (window-aggregated) security event: 403s (not allowed,
 * cross-site), 404s answering a POST (an action naming a session or user that is not
 * the caller's to touch) and 429s (throttled sign-ins).
 */
export function recordRefusals(note: Note) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.once('finish', () => {
      const status = res.statusCode
      const refused = status === 403 || status === 429 || (status === 404 && req.method === 'POST')
      if (!refused) return
      const type = status === 429 && req.path === '/login' ? 'sign-in-throttled' : 'access-refused'
      note({ type, ip: clientIpOf(req), reason: `${status} ${req.method} ${req.path.slice(0, 80)}` })
    })
    next()
  }
}
