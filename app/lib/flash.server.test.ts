import { describe, expect, test } from 'vitest'
import { redirectWithFlash, takeFlash } from '~/lib/flash.server.ts'
import { BACKGROUND_HEADER } from '~/session/background.ts'

/** The request a browser sends after following `redirect`: its cookies, as name=value pairs. */
function followed(redirect: Response, headers: Record<string, string> = {}) {
  const cookies = redirect.headers.getSetCookie().map((line) => line.split(';')[0])
  return new Request(`http://localhost${redirect.headers.get('Location')}`, {
    headers: { Cookie: cookies.join('; '), ...headers },
  })
}

describe('a flash message across a redirect', () => {
  test('redirects with the new token and the message, which the next page load takes and removes', async () => {
    const redirect = await redirectWithFlash('/devices', { ok: true, message: 'Signed out 3 other devices.' }, 't=1')
    expect(redirect.status).toBe(302)
    expect(redirect.headers.getSetCookie()[0]).toBe('t=1')
    const { flash, headers } = await takeFlash(followed(redirect))
    expect(flash).toEqual({ ok: true, message: 'Signed out 3 other devices.' })
    expect(headers?.get('Set-Cookie')).toMatch(/flash=; Max-Age=0/)
  })

  test('is left for the page load when a background reload comes first', async () => {
    const redirect = await redirectWithFlash('/devices', { ok: true, message: 'Signed out Firefox.' })
    expect(await takeFlash(followed(redirect, { [BACKGROUND_HEADER]: '1' }))).toEqual({ flash: null })
    expect((await takeFlash(followed(redirect))).flash).toEqual({ ok: true, message: 'Signed out Firefox.' })
  })

  test('a request without one gets none and keeps its cookies', async () => {
    expect(await takeFlash(new Request('http://localhost/devices'))).toEqual({ flash: null })
  })
})
