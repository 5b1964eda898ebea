import type { NextFunction, Request, Response } from 'express'

// Requests the app was never written for are answered here, before Remix, with the
// right 4xx and a plain sentence: a method no route has, a body no form sends, a
// request target or Host that is not a URL of ours. Without this layer Remix meets
// them deep inside (building a URL, reading a form) and the answer is a 500.

const METHODS = 'GET, HEAD, POST'
// Routes that only ever answer reads: POST there is a 405 too.
const READ_ONLY = /^\/(healthz|session\/events|admin\/audit\.csv)\/?$/
// Remix's single-fetch data requests (`/devices.data`) are GET or POST; HEAD breaks them.
const DATA_REQUEST = /\.data$/
// Every form in the app is sent as application/x-www-form-urlencoded (no file uploads).
const FORM_TYPE = 'application/x-www-form-urlencoded'
/** Paths that take a body of another type, with the types they take. */
const OTHER_BODIES: Record<string, string[]> = {
  '/csp-report': ['application/csp-report', 'application/reports+json', 'application/json'],
}
// The largest form in the app is a few hundred bytes; 64 KiB leaves ample room.
export const MAX_BODY_BYTES = 64 * 1024
// host or [v6] with an optional port: letters, digits, dots, hyphens, colons only.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

function refuse(res: Response, status: number, message: string, headers: Record<string, string> = {}) {
  res.status(status).set(headers).type('text/plain').send(message)
}

/** Refuses methods, targets, hosts and bodies that no Doorman route accepts. */
export function requestGuard(req: Request, res: Response, next: NextFunction) {
  // Only origin-form targets (`/path?query`); `http://other/path` and `*` are for proxies.
  if (!req.originalUrl.startsWith('/') || req.originalUrl.startsWith('//')) {
    return refuse(res, 400, 'Bad request: the request target must be a path such as /devices.')
  }
  const host = req.get('host')
  if (!host || !HOST.test(host)) return refuse(res, 400, 'Bad request: the Host header is missing or not a host name.')

  const allowed = READ_ONLY.test(req.path) ? 'GET, HEAD' : DATA_REQUEST.test(req.path) ? 'GET, POST' : METHODS
  if (!allowed.split(', ').includes(req.method)) {
    return refuse(res, 405, `Method ${req.method} is not allowed here. Allowed: ${allowed}.`, { Allow: allowed })
  }
  if (req.method !== 'POST') return next()

  const length = Number(req.get('content-length') ?? 0)
  if (length > MAX_BODY_BYTES) return refuse(res, 413, 'The request body is too large.')
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const accepted = OTHER_BODIES[req.path] ?? [FORM_TYPE]
  if (!accepted.includes(type)) {
    return refuse(res, 415, `Unsupported body: send ${accepted.join(' or ')}.`, { Accept: accepted.join(', ') })
  }
  next()
}

/**
 * The last word on errors Express itself meets (a malformed URL escape, a body that
 * is cut off): their 4xx with a plain sentence, anything else a plain 500 logged here.
 */
export function plainErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(error)
  const status = Number((error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode)
  if (status >= 400 && status < 500) return refuse(res, status, 'Bad request: it could not be read.')
  console.error('unhandled error:', error)
  refuse(res, 500, 'Something went wrong on our side. Please try again.')
}

/**
 * A 503 says when to come back. Remix renders a thrown Response's status but not its
 * headers, so the database layer's Retry-After is restored here for every 503.
 */
export function retryAfterOn503(_req: Request, res: Response, next: NextFunction) {
  const writeHead = res.writeHead
  res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
    if ((args[0] === 503 || this.statusCode === 503) && !this.getHeader('Retry-After'))
      this.setHeader('Retry-After', '5')
    return writeHead.apply(this, args)
  } as typeof writeHead
  next()
}
