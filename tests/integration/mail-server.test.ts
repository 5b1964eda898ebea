import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { root } from '../setup/paths.ts'
import { freePort, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

// Mail against the built server (`npm start`), with a real SMTP server that is down at
// first. Requests race in parallel where an invariant is at stake. Ports: free ones.

const port = await freePort()
let smtpPort = await freePort()
while (smtpPort === port) smtpPort = await freePort()
const base = `http://localhost:${port}`
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-mail-'))
const password = 'correct horse battery'
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
let server: ChildProcess
let smtp: SmtpSink | null = null

class Client {
  cookie = ''
  constructor(private userAgent = chrome) {}
  async send(method: string, url: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, Origin: base }
    if (this.cookie) headers.Cookie = this.cookie
    const response = await fetch(url.startsWith('http') ? url : base + url, {
      method,
      headers,
      redirect: 'manual',
      body: form ? new URLSearchParams(form) : undefined,
    })
    const set = response.headers.getSetCookie().find((value) => value.startsWith('__Host-doorman='))
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!
    return response
  }
  get = (url: string) => this.send('GET', url)
  post = (url: string, form: Record<string, string> = {}) => this.send('POST', url, form)
}

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`

async function signUp(client: Client, address: string) {
  const response = await client.post('/signup', { email: address, password })
  expect(response.status).toBe(302)
}

beforeAll(async () => {
  const env: Record<string, string | undefined> = { ...process.env }
  delete env.NODE_ENV
  server = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, 'doorman.db')}`,
      SEED_DEMO_DATA: 'false',
      LOG_REQUESTS: 'false',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Doorman <doorman@example.com>',
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout!.on('data', (chunk) => (output += String(chunk)))
  server.stderr!.on('data', (chunk) => (output += String(chunk)))
  for (let tries = 0; !output.includes(`http://localhost:${port}`); tries++) {
    if (server.exitCode !== null || tries > 900) throw new Error(`npm start failed:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  expect(output).toContain(`Mail is sent through 127.0.0.1:${smtpPort}`)
}, 240_000)

afterAll(async () => {
  server?.kill('SIGTERM')
  await smtp?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('mail from the built server', () => {
  test('with SMTP down a new-device sign-in still succeeds; its alert goes out once SMTP is back', async () => {
    const owner = email('alert')
    await signUp(new Client(chrome), owner)
    const started = Date.now()
    const signIn = await new Client(firefox).post('/login', { email: owner, password })
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('location')).toBe('/devices')
    expect(Date.now() - started).toBeLessThan(5_000)

    smtp = await startSmtpSink(smtpPort)
    const mail = await smtp.waitFor((m) => m.to.includes(owner), 40_000)
    expect(mail.subject).toBe('New sign-in to your Doorman account: Firefox 133 on Linux')
    expect(mail.text).toContain('Where: Local network (IP 127.0.0.1)')
    expect(mail.links).toContain(`${base}/devices`)
    expect(mail.links.some((link) => link.startsWith(`${base}/not-me/`))).toBe(true)
  }, 60_000)

  test('"Not you?": the link works once under racing clicks, ends that session, then a new password ends the rest', async () => {
    const owner = email('notme')
    const laptop = new Client(chrome)
    await signUp(laptop, owner)
    const thief = new Client(firefox)
    expect((await thief.post('/login', { email: owner, password })).status).toBe(302)
    const mail = await smtp!.waitFor((m) => m.to.includes(owner) && m.subject.startsWith('New sign-in'), 20_000)
    const notMe = mail.links.find((link) => link.includes('/not-me/'))!

    // Opening the link changes nothing (mail scanners open links).
    expect((await new Client().get(notMe)).status).toBe(200)
    expect((await thief.get('/devices')).status).toBe(200)

    const clicks = await Promise.all([1, 2, 3, 4, 5].map(() => new Client().post(notMe)))
    const statuses = clicks.map((response) => response.status).sort()
    expect(statuses).toEqual([302, 410, 410, 410, 410])
    const reset = clicks.find((response) => response.status === 302)!.headers.get('location')!
    expect(reset).toMatch(/^\/reset-password\/[\w-]{43}$/)
    expect((await thief.get('/devices')).headers.get('location')).toMatch(/^\/login\?reason=revoked-by-user/)
    expect((await laptop.get('/devices')).status).toBe(200)

    const done = await new Client().post(reset, { newPassword: 'a brand new passphrase' })
    expect(done.headers.get('location')).toBe('/login?reason=password-reset')
    expect((await laptop.get('/devices')).headers.get('location')).toMatch(/^\/login\?reason=password-change/)
    expect((await new Client().post(reset, { newPassword: 'another new passphrase' })).status).toBe(410)
    const confirmation = await smtp!.waitFor((m) => m.to.includes(owner) && m.subject.includes('reset'), 20_000)
    expect(confirmation.subject).toBe('Your Doorman password was reset')
    const signIn = await new Client(chrome).post('/login', { email: owner, password: 'a brand new passphrase' })
    expect(signIn.status).toBe(302)
  }, 60_000)

  test('forgot password: the same answer for an unknown address, which gets nothing; throttled per email', async () => {
    const owner = email('forgot')
    await signUp(new Client(), owner)
    const unknown = email('nobody')
    const [known, stranger] = await Promise.all([
      new Client().post('/forgot-password', { email: owner }),
      new Client().post('/forgot-password', { email: unknown }),
    ])
    expect(known.status).toBe(200)
    expect(stranger.status).toBe(200)
    const strip = (html: string, address: string) =>
      html
        .replaceAll(address, 'EMAIL')
        .replace(/nonce="[^"]*"/g, '')
        .replace(/\d{13}/g, 'TIME')
    expect(strip(await stranger.text(), unknown)).toBe(strip(await known.text(), owner))
    const mail = await smtp!.waitFor((m) => m.to.includes(owner), 20_000)
    expect(mail.subject).toBe('Reset your Doorman password')
    expect(mail.links.some((link) => link.startsWith(`${base}/reset-password/`))).toBe(true)

    // Two more are allowed for this address this hour; a burst of six gets two through.
    const burst = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => new Client().post('/forgot-password', { email: owner })),
    )
    expect(burst.map((response) => response.status).sort()).toEqual([200, 200, 429, 429, 429, 429])
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(smtp!.messages.filter((m) => m.to.includes(unknown))).toHaveLength(0)
    expect(smtp!.messages.filter((m) => m.to.includes(owner))).toHaveLength(3)
  }, 60_000)
})
