import { redirect, type AppLoadContext } from '@remix-run/node'
import { db } from '~/db.server.ts'
import * as doorman from '../app/session/guards.server.ts'
import { cookieSessions } from './cookie-session.ts'

// Only in the benchmark's build (bench/vite.config.ts puts it in place of
// app/session/guards.server.ts): the same pages and routes, with the session check each
// request names in `X-Bench-Guard`:
// - doorman (or none given): the app's own guards, unchanged;
// - cookie: Remix's createCookieSessionStorage — verify the signed cookie, then read the
//   user row the page needs (one indexed read by primary key);
// - none: no session at all — the same signed-in user, fixed in memory.
// Every request carries both cookies, so the variants differ only in the check they run.

export * from '../app/session/guards.server.ts'

type Authenticated = doorman.Authenticated
type Mode = 'doorman' | 'cookie' | 'none'

const modeOf = (request: Request): Mode => {
  const mode = request.headers.get('X-Bench-Guard')
  return mode === 'cookie' || mode === 'none' ? mode : 'doorman'
}

// The signed-in user and session the page renders in the cookie and no-session variants,
// read once through Doorman's check (a cookie session has no session row to show).
let fixed: Promise<Authenticated> | null = null
const fixedAuth = (request: Request, context: AppLoadContext) => (fixed ??= doorman.requireUser(request, context))

async function cookieAuth(request: Request, context: AppLoadContext): Promise<Authenticated> {
  const [{ session }, cookie] = await Promise.all([
    fixedAuth(request, context),
    cookieSessions.getSession(request.headers.get('Cookie')),
  ])
  const userId = cookie.get('userId')
  if (!userId) throw redirect('/login')
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  })
  if (!user || user.disabledAt) throw redirect('/login')
  return { ok: true, session, user }
}

// Remix runs the root and page loaders of one request in parallel; check once, like the app.
const checks = new WeakMap<Request, Promise<Authenticated>>()

export function requireUser(request: Request, context: AppLoadContext): Promise<Authenticated> {
  const mode = modeOf(request)
  if (mode === 'doorman') return doorman.requireUser(request, context)
  let check = checks.get(request)
  if (!check) {
    check = mode === 'cookie' ? cookieAuth(request, context) : fixedAuth(request, context)
    checks.set(request, check)
  }
  return check
}

export async function getOptionalUser(request: Request, context: AppLoadContext): Promise<Authenticated | null> {
  return modeOf(request) === 'doorman' ? doorman.getOptionalUser(request, context) : requireUser(request, context)
}
