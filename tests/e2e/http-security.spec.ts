import { expect, test } from '@playwright/test'
import { Client, deviceIds, password, signIn, signUp, uniqueEmail } from './support/http.ts'

// The session core over real HTTP against the production build: cookies, origin checks,
// proxy headers, revocation on the very next request, throttling and bad input.

test.describe('the session cookie', () => {
  test('is __Host-, HttpOnly, Secure, SameSite=Lax, Path=/ and has no Domain', async () => {
    const client = new Client()
    const email = await signUp(client)
    const response = await signIn(new Client(), email)
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('__Host-doorman='))!
    expect(cookie).toMatch(/; HttpOnly/i)
    expect(cookie).toMatch(/; Secure/i)
    expect(cookie).toMatch(/; SameSite=Lax/i)
    expect(cookie).toMatch(/; Path=\//i)
    expect(cookie).not.toMatch(/Domain=/i)
    expect(cookie, 'a browser-session cookie without "keep me signed in"').not.toMatch(/Expires=|Max-Age=/i)
    expect(client.cookie).not.toBe('')
  })

  test('"Keep me signed in" makes it persistent', async () => {
    const email = await signUp(new Client())
    const cookie = (await signIn(new Client(), email, { remember: 'on' })).headers.getSetCookie()[0]!
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]!)
    expect(expires.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000)
  })

  test('a garbage or forged cookie is cleared and sent to sign in, never a 500', async () => {
    for (const value of ['garbage', 'A'.repeat(43), '%00%ff', 'x'.repeat(10_000)]) {
      const client = new Client()
      client.cookie = `__Host-doorman=${value}`
      const response = await client.get('/devices')
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/login?reason=unknown&redirectTo=%2Fdevices')
      expect(response.headers.getSetCookie().join()).toMatch(/__Host-doorman=;/)
    }
  })
})

test.describe('cross-site requests', () => {
  test('a POST from another origin is refused with 403, login and logout included', async () => {
    for (const path of ['/login', '/logout', '/signup', '/devices']) {
      const response = await new Client().post(
        path,
        { email: 'a@b.c', password: 'x' },
        { Origin: 'https://evil.example' },
      )
      expect(response.status).toBe(403)
      expect(await response.text()).toMatch(/Cross-site request refused/)
    }
  })

  test('without Origin, only Sec-Fetch-Site: same-origin passes', async () => {
    // A form post (an empty body): the origin check is what decides, not the content type.
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const noOrigin = await new Client().request('POST', '/logout', { headers: { ...form, Origin: '' } })
    expect(noOrigin.status).toBe(403)
    const sameOrigin = await new Client().request('POST', '/logout', {
      headers: { ...form, Origin: '', 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(sameOrigin.status).toBe(302)
  })
})

test.describe('revocation and sign-out', () => {
  test('a revoked session is refused on its very next request, with the reason', async () => {
    const first = new Client()
    const email = await signUp(first)
    const second = new Client()
    await signIn(second, email)
    expect((await second.get('/devices')).status).toBe(200)
    const [otherId] = await deviceIds(first)
    const revoked = await first.post('/devices', { intent: 'revoke', sessionId: otherId! })
    expect(revoked.status).toBe(200)
    const next = await second.get('/devices')
    expect(next.status).toBe(302)
    expect(next.headers.get('location')).toBe('/login?reason=revoked-by-user&redirectTo=%2Fdevices')
  })

  test('sign-out is POST only, clears site cookies, and the old cookie stays dead', async () => {
    const client = new Client()
    await signUp(client)
    const oldCookie = client.cookie
    expect((await client.get('/logout')).status).toBe(405)
    const response = await client.post('/logout', {})
    expect(response.status).toBe(302)
    expect(response.headers.get('clear-site-data')).toBe('"cookies"')
    const replay = new Client()
    replay.cookie = oldCookie
    expect((await replay.get('/devices')).headers.get('location')).toMatch(/reason=signed-out/)
  })

  test('pages of a signed-in user are never cached', async () => {
    const client = new Client()
    await signUp(client)
    const response = await client.get('/devices')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('vary')).toMatch(/Cookie/)
  })
})

test.describe('untrusted input', () => {
  test('a spoofed X-Forwarded-For is ignored without TRUST_PROXY', async () => {
    const client = new Client(undefined, { 'X-Forwarded-For': '6.6.6.6' })
    await signUp(client)
    const html = await (await client.get('/devices')).text()
    expect(html).toContain('<dd>127.0.0.1 (Local network)</dd>')
    expect(html).not.toContain('6.6.6.6')
  })

  test('a 10 KB user agent signs in, and only 1 KB of it is kept', async () => {
    const huge = `Mozilla/5.0 ${'x'.repeat(10_240)}`
    const client = new Client(huge)
    await signUp(client)
    const response = await client.get('/devices')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('x'.repeat(1000))
    expect(html).not.toContain('x'.repeat(1030))
  })

  test('repeated wrong passwords get a 429 with Retry-After', async () => {
    const email = await signUp(new Client())
    const client = new Client()
    const statuses = []
    for (let n = 0; n < 7; n++)
      statuses.push((await client.post('/login', { email, password: 'wrong-password' })).status)
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    const limited = await client.post('/login', { email, password })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('an unknown email and a wrong password look the same', async () => {
    const email = await signUp(new Client())
    const unknown = await new Client().post('/login', { email: uniqueEmail(), password: 'whatever-pass' })
    const wrong = await new Client().post('/login', { email, password: 'whatever-pass' })
    expect(unknown.status).toBe(wrong.status)
    const message = (html: string) => /role="alert"[^>]*>([^<]+)</.exec(html)?.[1]
    expect(message(await unknown.text())).toBe(message(await wrong.text()))
  })

  test('redirectTo never leaves the site', async () => {
    const email = await signUp(new Client())
    const response = await new Client().post('/login', { email, password, redirectTo: '//evil.example/phish' })
    expect(response.headers.get('location')).toBe('/devices')
  })

  test('malformed forms get a 4xx, never a 500', async () => {
    const client = new Client()
    await signUp(client)
    expect((await client.post('/devices', { intent: 'explode' })).status).toBe(400)
    expect((await client.post('/devices', { intent: 'revoke', sessionId: 'x'.repeat(500) })).status).toBe(400)
    expect((await new Client().post('/login', {})).status).toBe(400)
    expect((await client.post('/no-such-page', {})).status).toBe(404)
  })
})
