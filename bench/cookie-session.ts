import { createCookieSessionStorage } from '@remix-run/node'

// The anchor the issue compares Doorman with: Remix's own stateless session, a signed
// cookie carrying the user id (what most Remix apps do). Shared by the benchmark's guard
// and the load generator, which signs the cookie it sends.
export const cookieSessions = createCookieSessionStorage<{ userId: string }>({
  cookie: {
    name: '__session',
    secrets: ['bench-only secret, never used by the app'],
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: true,
  },
})
