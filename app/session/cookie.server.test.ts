import { describe, expect, test } from 'vitest'
import { hasSessionCookie, readSessionToken, serializeSessionCookie } from '~/session/cookie.server.ts'

const withCookie = (cookie: string) => new Request('http://localhost/', { headers: { Cookie: cookie } })

describe('the session cookie on a request', () => {
  test('is found among other cookies and read back as the token it was set to', async () => {
    const pair = (await serializeSessionCookie('a-token', null)).split(';')[0]!
    const request = withCookie(`theme=dark; ${pair}; other=1`)
    expect(hasSessionCookie(request)).toBe(true)
    expect(await readSessionToken(request)).toBe('a-token')
  })

  test('is not mistaken for a cookie whose name merely contains it', async () => {
    const [name, value] = (await serializeSessionCookie('a-token', null)).split(';')[0]!.split('=')
    for (const header of [`x${name}=${value}`, `${name}2=${value}`, `theme=${name}=${value}`]) {
      expect(hasSessionCookie(withCookie(header)), header).toBe(false)
    }
  })

  test('that is garbage is present but yields no token', async () => {
    const name = (await serializeSessionCookie('a-token', null)).split('=')[0]!
    const request = withCookie(`${name}=%%%not-base64`)
    expect(hasSessionCookie(request)).toBe(true)
    expect(await readSessionToken(request)).toBeNull()
  })
})
