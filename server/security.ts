import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { env } from '../app/env.server.ts'
import { originPolicy, type OriginPolicy } from '../app/lib/public-origin.server.ts'
import { fromOwnOrigin } from './origin-check.ts'

const CLIENT_HINTS = 'Sec-CH-UA-Platform-Version, Sec-CH-UA-Model, Sec-CH-UA-Full-Version-List'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
export const CSP_REPORT_PATH = '/csp-report'

// Nonces are cut from a buffer of CSPRNG bytes, 16 at a time and never reused: one
// randomBytes call per request cost ~5 µs, a slice of the pool ~0.2 µs.
let noncePool = Buffer.alloc(0)
let nonceOffset = 0
function nextNonce() {
  if (nonceOffset + 16 > noncePool.length) {
    noncePool = randomBytes(4096)
    nonceOffset = 0
  }
  return noncePool.toString('base64', nonceOffset, (nonceOffset += 16))
}

/** Security headers for every response, with a fresh CSP nonce for Remix's scripts. */
export function securityHeaders({ development }: { development: boolean }) {
  const connect = development ? "'self' ws: wss:" : "'self'"
  const before = "default-src 'self'; script-src 'self' 'nonce-"
  const after = [
    `'${development ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${development ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    `report-uri ${CSP_REPORT_PATH}`,
    'report-to csp',
  ].join('; ')
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = nextNonce()
    res.locals.cspNonce = nonce
    const csp = `${before}${nonce}${after}`
    res.setHeader('Reporting-Endpoints', `csp="${CSP_REPORT_PATH}"`)
    res.setHeader('Content-Security-Policy', csp)
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    // No other site may embed our pages, exports or assets (they are all private or ours).
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    )
    // Ask Chromium for the hints that name Windows 11, Brave and phone models; the
    // sign-in page makes them critical so that even the first request carries them.
    res.setHeader('Accept-CH', CLIENT_HINTS)
    if (req.path === '/login') res.setHeader('Critical-CH', CLIENT_HINTS)
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  }
}

/** Pages depend on the session cookie: never cache them anywhere. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Vary', 'Cookie')
  next()
}

let policy: OriginPolicy | undefined

/**
 * With PUBLIC_ORIGIN set, the app's idea of its own host is that origin's, whatever Host
 * the proxy sent: Remix builds request.url from X-Forwarded-Host and refuses an action
 * whose Origin differs from it. Any client-sent X-Forwarded-Host is replaced.
 */
export function publicHost(req: Request, _res: Response, next: NextFunction) {
  const { PUBLIC_ORIGIN } = env()
  if (PUBLIC_ORIGIN) req.headers['x-forwarded-host'] = new URL(PUBLIC_ORIGIN).host
  next()
}

/**
 * Refuses every state-changing request that does not come from the app's own pages:
 * its Origin must be the public origin (scheme and host, see PUBLIC_ORIGIN), or,
 * without Origin, Sec-Fetch-Site must say same-origin. This stops cross-site form
 * posts (CSRF), login and logout included.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next()
  policy ??= originPolicy(env())
  const request = {
    origin: req.get('origin'),
    secFetchSite: req.get('sec-fetch-site'),
    protocol: req.protocol,
    host: req.get('host'),
  }
  if (fromOwnOrigin(request, policy)) {
    // Remix refuses (with a 500) an action whose Origin host differs from the forwarded
    // host. The Origin was checked just now, so that is the host it must compare with;
    // a client-sent X-Forwarded-Host is never trusted here.
    if (request.origin) req.headers['x-forwarded-host'] = new URL(request.origin).host
    else delete req.headers['x-forwarded-host']
    return next()
  }
  res.status(403).type('text/plain').send('Cross-site request refused: this form must be sent from a Doorman page.')
}

/**
 * Fetch Metadata (V3.5.8): a browser says where a request comes from. A cross-site
 * request is let in only as a top-level navigation by GET (a link to Doorman); a
 * cross-site fetch, image, script or frame load of a page or the CSV export is refused.
 * Requests without the header (older browsers, curl) fall back to the other checks.
 */
export function fetchMetadataPolicy(req: Request, res: Response, next: NextFunction) {
  const site = req.get('sec-fetch-site')
  if (!site || site === 'same-origin' || site === 'none') return next()
  const navigation = req.get('sec-fetch-mode') === 'navigate' && (req.method === 'GET' || req.method === 'HEAD')
  const dest = req.get('sec-fetch-dest')
  if (navigation && dest !== 'object' && dest !== 'embed' && dest !== 'iframe' && dest !== 'frame') return next()
  if (req.path === CSP_REPORT_PATH) return next()
  res.status(403).type('text/plain').send('Cross-site request refused: open Doorman directly.')
}
