import { createCookie, redirect } from '@remix-run/node'
import { env } from '~/env.server.ts'

// A one-time message carried across a redirect (Post/Redirect/Get). An action that renews
// the session's token must answer with a redirect: when it renders the page itself, Remix
// runs the page's loaders on the request that came in, whose cookie holds the old token,
// and they would sign the person out. After the redirect the browser asks again, with the
// new cookie, and the page shows the message from here.

export type Flash = { ok: boolean; message: string }

function flashCookie() {
  const secure = env().COOKIE_SECURE
  return createCookie(secure ? '__Host-doorman-flash' : 'doorman-flash', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: 60,
  })
}

/** Redirects to `to`, setting `setCookie` (the renewed token) and the message. */
export async function redirectWithFlash(to: string, flash: Flash, setCookie?: string | null) {
  const headers = new Headers()
  if (setCookie) headers.append('Set-Cookie', setCookie)
  headers.append('Set-Cookie', await flashCookie().serialize(flash))
  return redirect(to, { headers })
}

/** The message waiting for this request, and the header that removes it (it shows once). */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; headers?: Headers }> {
  const cookie = flashCookie()
  const header = request.headers.get('Cookie') ?? ''
  if (!header.includes(`${cookie.name}=`)) return { flash: null }
  const value: unknown = await cookie.parse(header)
  const headers = new Headers({ 'Set-Cookie': await cookie.serialize('', { maxAge: 0, expires: new Date(0) }) })
  const valid =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Flash).message === 'string' &&
    typeof (value as Flash).ok === 'boolean'
  return { flash: valid ? { ok: (value as Flash).ok, message: (value as Flash).message.slice(0, 300) } : null, headers }
}
