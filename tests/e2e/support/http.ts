// A tiny cookie-keeping HTTP client for tests that check headers and status codes
// exactly as a browser would meet them, against the real production server.
import { randomBytes } from 'node:crypto'

export const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`
export const chromeUA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export class Client {
  cookie = ''
  constructor(
    private userAgent = chromeUA,
    private extraHeaders: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    options: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, ...this.extraHeaders, ...options.headers }
    if (this.cookie) headers.Cookie = this.cookie
    if (method !== 'GET' && !('Origin' in headers)) headers.Origin = base
    const response = await fetch(base + path, {
      method,
      headers,
      redirect: 'manual',
      body: options.form ? new URLSearchParams(options.form) : undefined,
    })
    const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('__Host-doorman='))
    if (setCookie) {
      const pair = setCookie.split(';')[0]!
      this.cookie = pair.endsWith('=') ? '' : pair
    }
    return response
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, { headers })
  post = (path: string, form: Record<string, string>, headers?: Record<string, string>) =>
    this.request('POST', path, { form, headers })
}

export function uniqueEmail() {
  return `http-${randomBytes(6).toString('hex')}@example.com`
}

export const password = 'correct horse battery'

/** Signs up a brand-new user (which also signs this client in). */
export async function signUp(client: Client, email = uniqueEmail()) {
  const response = await client.post('/signup', { email, password, name: 'HTTP Test' })
  if (response.status !== 302) throw new Error(`sign-up failed with ${response.status}`)
  return email
}

export async function signIn(client: Client, email: string, extra: Record<string, string> = {}) {
  return client.post('/login', { email, password, ...extra })
}

/** The public ids of the signed-out links on /devices, in page order. */
export async function deviceIds(client: Client) {
  const html = await (await client.get('/devices')).text()
  return [...html.matchAll(/\?confirm=([A-Za-z0-9_-]{22})/g)].map((match) => match[1]!)
}
