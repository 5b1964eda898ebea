import { redirect, type AppLoadContext } from '@remix-run/node'
import { env } from '~/env.server.ts'
import { readClientHints } from '~/session/device.ts'
import { clearSessionCookie, hasSessionCookie, readSessionToken } from '~/session/cookie.server.ts'
import type { RejectReason } from '~/session/end-reasons.ts'
import { isBackgroundRead } from '~/session/background.ts'
import { validateSessionToken, type ClientInfo, type Validation } from '~/session/session.server.ts'

// The guards every loader and action starts with. Each answers one question.

export function clientInfo(request: Request, context: AppLoadContext): ClientInfo {
  return {
    ip: context.clientIp,
    userAgent: request.headers.get('User-Agent'),
    hints: readClientHints(request.headers),
  }
}

// Remix runs the root and page loaders of one request in parallel; validate once.
const validations = new WeakMap<Request, Promise<Validation | null>>()

/**
 * The request's session check, or null when it carries no session cookie. Background
 * traffic does not keep an idle session alive: the live stream passes `touch: false`, and
 * reads the page marks as background refreshes are validated without the activity write.
 */
export function checkSession(
  request: Request,
  context: AppLoadContext,
  options: { touch?: boolean } = {},
): Promise<Validation | null> {
  let validation = validations.get(request)
  if (!validation) {
    validation = hasSessionCookie(request)
      ? readSessionToken(request).then((token) =>
          validateSessionToken(token, clientInfo(request, context), new Date(), {
            touch: options.touch ?? !isBackgroundRead(request),
          }),
        )
      : Promise.resolve(null)
    validations.set(request, validation)
  }
  return validation
}

export type Authenticated = Extract<Validation, { ok: true }>

export function loginUrl(request: Request, reason?: RejectReason) {
  const url = new URL(request.url)
  const params = new URLSearchParams()
  if (reason) params.set('reason', reason)
  const here = `${url.pathname}${url.search}`
  if (here !== '/' && !url.pathname.startsWith('/login')) params.set('redirectTo', here)
  const query = params.toString()
  return `/login${query ? `?${query}` : ''}`
}

/** Sends a refused cookie to the sign-in page, clearing it and saying why. */
export async function signedOutRedirect(request: Request, reason?: RejectReason): Promise<never> {
  throw redirect(loginUrl(request, reason), { headers: { 'Set-Cookie': await clearSessionCookie() } })
}

/** The signed-in user and session, or a redirect to the sign-in page. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<Authenticated> {
  const validation = await checkSession(request, context)
  if (validation?.ok) return validation
  return signedOutRedirect(request, validation?.reason)
}

/** Like requireUser, for pages anyone may see: null when signed out. A refused cookie
 * still goes to the sign-in page, so that people learn their session ended. */
export async function getOptionalUser(request: Request, context: AppLoadContext): Promise<Authenticated | null> {
  const validation = await checkSession(request, context)
  if (!validation) return null
  if (validation.ok) return validation
  return signedOutRedirect(request, validation.reason)
}

export async function requireAdmin(request: Request, context: AppLoadContext): Promise<Authenticated> {
  const auth = await requireUser(request, context)
  if (auth.user.role !== 'admin') throw new Response('This page is for administrators only.', { status: 403 })
  return auth
}

/**
 * The action of an admin page that takes no POST. Without it Remix would answer 405
 * to anyone; with it a non-admin gets the same 403 as on every other admin request.
 */
export async function refusePost(request: Request, context: AppLoadContext): Promise<never> {
  await requireAdmin(request, context)
  throw new Response('This page has nothing to submit.', { status: 405 })
}

/** After an admin action ended the admin's own session: to the sign-in page, saying why. */
export async function signedOutByOwnAction(
  reason: 'revoked-by-admin' | 'user-disabled' | 'role-change',
): Promise<never> {
  throw redirect(`/login?reason=${reason}`, { headers: { 'Set-Cookie': await clearSessionCookie() } })
}

/** For the sign-in and sign-up pages: signed-in people go to their devices. */
export async function requireAnonymous(request: Request, context: AppLoadContext) {
  const validation = await checkSession(request, context)
  if (validation?.ok) throw redirect('/devices')
  return validation && !validation.ok ? validation.reason : null
}

/** Whether the last password confirmation is within the re-authentication window. */
export function isRecentlyAuthenticated(session: { reauthenticatedAt: Date | null }, now = new Date()) {
  const at = session.reauthenticatedAt
  return at !== null && now.getTime() - at.getTime() < env().REAUTH_WINDOW
}
