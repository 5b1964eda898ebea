import { createCookie, type Cookie } from '@remix-run/node'
import { env } from '~/env.server.ts'

// One cookie holds the session token. `__Host-` makes the browser refuse it unless it is
// Secure, host-only (no Domain) and Path=/, so no sibling domain can plant or read it.
// COOKIE_SECURE=false (plain HTTP on a host other than localhost) drops the prefix too.

// Made once per setting: the hot path reads the cookie on every request.
let made: { secure: boolean; cookie: Cookie; present: RegExp } | null = null
function sessionCookie() {
  const secure = env().COOKIE_SECURE
  if (made?.secure !== secure) {
    const cookie = createCookie(secure ? '__Host-doorman' : 'doorman', {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
    })
    made = { secure, cookie, present: new RegExp(`(?:^|;)\\s*${cookie.name}=`) }
  }
  return made
}

/** The raw token from the request's cookie, or null when absent or garbage. */
export async function readSessionToken(request: Request): Promise<string | null> {
  const header = request.headers.get('Cookie')
  if (!header) return null
  const value: unknown = await sessionCookie().cookie.parse(header)
  return typeof value === 'string' ? value : null
}

/** Whether the request carries our cookie at all (even a garbage one). */
export function hasSessionCookie(request: Request): boolean {
  return sessionCookie().present.test(request.headers.get('Cookie') ?? '')
}

/**
 * Sets the token. "Keep me signed in" makes it persistent until the absolute expiry;
 * otherwise it is a browser-session cookie.
 */
export function serializeSessionCookie(token: string, persistentUntil: Date | null): Promise<string> {
  return sessionCookie().cookie.serialize(token, persistentUntil ? { expires: persistentUntil } : {})
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().cookie.serialize('', { expires: new Date(0), maxAge: 0 })
}

/** The cookie for a session's (new) token, persistent when the session is. */
export function sessionCookieFor(session: { persistent: boolean; absoluteExpiresAt: Date }, token: string) {
  return serializeSessionCookie(token, session.persistent ? session.absoluteExpiresAt : null)
}
