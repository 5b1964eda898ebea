import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { baseDatabase } from '../setup/paths.ts'
import { sessionCookie, startBuiltServer, type Running } from './support/server-process.ts'

// The ASVS level-2 items of issue 9, as HTTP requests to the built server.

let server: Running
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-asvs-'))
const password = 'a long enough password'
let n = 0

beforeAll(async () => {
  fs.copyFileSync(baseDatabase, path.join(dir, 'doorman.db'))
  server = await startBuiltServer(4440, {
    dir,
    env: { SEED_DEMO_DATA: 'false', REAUTH_WINDOW: '2s', SESSION_TOUCH_INTERVAL: '1s' },
  })
}, 600_000)
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

const post = (target: string, form: Record<string, string>, cookie = '', headers: Record<string, string> = {}) =>
  fetch(server.base + target, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.base, Cookie: cookie, ...headers },
    body: new URLSearchParams(form),
  })
const signUp = async (email = `asvs-${n++}@example.com`, pass = password) => {
  const response = await post('/signup', { email, password: pass, name: 'A' })
  return { response, cookie: sessionCookie(response) ?? '', email }
}
const rows = <T>(sql: string, ...args: unknown[]) => {
  const db = new Database(path.join(dir, 'doorman.db'), { readonly: true })
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}

describe('ASVS items', () => {
  test('common and leaked passwords are refused with a helpful message (V6.2.4)', async () => {
    for (const weak of ['password', '12345678', 'iloveyou']) {
      const { response } = await signUp(undefined, weak)
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('too easy to guess')
    }
    expect((await signUp()).response.status).toBe(302)
  })

  test('ending one other device needs the password once the window has passed (V7.5.2)', async () => {
    const { cookie, email } = await signUp()
    const other = sessionCookie(await post('/login', { email, password }))!
    const html = await (await fetch(`${server.base}/devices`, { headers: { Cookie: cookie } })).text()
    const ids = [...html.matchAll(/\?confirm=([A-Za-z0-9_-]{22})/g)].map((match) => match[1]!)
    expect(ids.length).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const refused = await post('/devices', { intent: 'revoke', sessionId: ids[0]! }, cookie)
    expect(refused.status).toBe(302)
    expect(refused.headers.get('location')).toMatch(/^\/confirm-password/)
    expect((await fetch(`${server.base}/devices`, { headers: { Cookie: other } })).status).toBe(200)
    const wrong = await post('/devices', { intent: 'revoke', sessionId: ids[0]!, password: 'not it at all' }, cookie)
    expect(wrong.status).toBe(400)
    const right = await post('/devices', { intent: 'revoke', sessionId: ids[0]!, password }, cookie)
    // Without JavaScript the page reloads after the action; either way the password was enough.
    expect([200, 302]).toContain(right.status)
    expect(right.headers.get('location') ?? '').not.toMatch(/confirm-password/)
    expect((await fetch(`${server.base}/devices`, { headers: { Cookie: other }, redirect: 'manual' })).status).toBe(302)
  })

  test('the live stream is capped per session and is not activity', async () => {
    const { cookie } = await signUp()
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const before = rows<{ lastActiveAt: number }>('SELECT lastActiveAt FROM Session ORDER BY createdAt DESC LIMIT 1')
    const controllers = Array.from({ length: 5 }, () => new AbortController())
    const streams = []
    for (const controller of controllers) {
      streams.push(
        await fetch(`${server.base}/session/events`, { headers: { Cookie: cookie }, signal: controller.signal }),
      )
    }
    expect(streams.map((response) => response.status)).toEqual([200, 200, 200, 200, 429])
    const after = rows<{ lastActiveAt: number }>('SELECT lastActiveAt FROM Session ORDER BY createdAt DESC LIMIT 1')
    expect(after).toEqual(before)
    for (const controller of controllers) controller.abort()
  })

  test('background refreshes are not activity; navigations and writes are; the marker skips no check', async () => {
    const { cookie, email } = await signUp()
    const [{ id }] = rows<{ id: string }>(
      'SELECT id FROM Session WHERE userId = (SELECT id FROM User WHERE email = ?)',
      email,
    ) as [{ id: string }]
    const activity = () =>
      rows<{ lastActiveAt: string; idleExpiresAt: string; endReason: string | null }>(
        'SELECT lastActiveAt, idleExpiresAt, endReason FROM Session WHERE id = ?',
        id,
      )[0]!
    const setSession = (column: 'lastActiveAt' | 'idleExpiresAt', at: number) => {
      const db = new Database(path.join(dir, 'doorman.db'))
      db.pragma('busy_timeout = 5000')
      db.prepare(`UPDATE Session SET ${column} = ? WHERE id = ?`).run(
        new Date(at).toISOString().replace('Z', '+00:00'),
        id,
      )
      db.close()
    }
    const send = (target: string, init: RequestInit = {}) =>
      fetch(server.base + target, { redirect: 'manual', ...init, headers: { Cookie: cookie, ...init.headers } })
    const background = { 'X-Doorman-Background': '1' }

    // Older than the touch interval (1 s here): any request that counts as activity writes.
    setSession('lastActiveAt', Date.now() - 600_000)
    const idle = activity()
    for (const [target, method] of [
      ['/devices.data', 'GET'],
      ['/devices.data?_routes=routes%2Fdevices', 'GET'],
      ['/_root.data', 'GET'],
      ['/devices', 'GET'],
      ['/devices', 'HEAD'],
    ] as const) {
      const response = await send(target, { method, headers: background })
      expect(response.status, `${method} ${target}`).toBe(200)
      await response.arrayBuffer()
    }
    expect(activity()).toEqual(idle)

    // The marker is honoured only on reads: a POST carrying it is activity all the same.
    const post = await send('/devices', {
      method: 'POST',
      headers: { ...background, Origin: server.base },
      body: new URLSearchParams({ intent: 'nonsense' }),
    })
    expect(post.status).toBe(400)
    expect(activity().lastActiveAt).not.toBe(idle.lastActiveAt)

    // A navigation without the marker is activity.
    setSession('lastActiveAt', Date.now() - 600_000)
    const before = activity()
    expect((await send('/devices.data')).status).toBe(200)
    expect(Date.parse(activity().lastActiveAt)).toBeGreaterThan(Date.parse(before.lastActiveAt))
    expect(Date.parse(activity().idleExpiresAt)).toBeGreaterThanOrEqual(Date.parse(before.idleExpiresAt))

    // The marker never skips the session check: an idle-expired session is ended and refused.
    setSession('idleExpiresAt', Date.now() - 1_000)
    const refused = await send('/devices', { headers: background })
    expect(refused.status).toBe(302)
    expect(refused.headers.get('location')).toBe('/login?reason=idle-expiry&redirectTo=%2Fdevices')
    expect(activity().endReason).toBe('idle-expiry')
  })

  test('a failed sign-in stores the account id, never what was typed', async () => {
    const { email } = await signUp()
    await post('/login', { email, password: 'wrong wrong wrong' })
    await post('/login', { email: 'Typed-Secret@Example.com', password: 'x' })
    const failed = rows<{ details: string }>("SELECT details FROM SecurityEvent WHERE type = 'sign-in-failed'")
    expect(failed.length).toBeGreaterThanOrEqual(2)
    for (const row of failed) expect(row.details).not.toMatch(/@/)
  })

  test('CSP base-uri none with a report endpoint, CORP, and Fetch-Metadata (V3.4.3, V3.4.7, V3.5.8)', async () => {
    const page = await fetch(`${server.base}/login`)
    expect(page.headers.get('content-security-policy')).toMatch(/base-uri 'none'.*report-uri \/csp-report/)
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin')
    const report = await fetch(`${server.base}/csp-report`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/csp-report' },
      body: JSON.stringify({
        'csp-report': { 'violated-directive': 'script-src', 'blocked-uri': 'https://evil.example/x.js' },
      }),
    })
    expect(report.status).toBe(204)
    expect(server.output()).toContain('csp violation: script-src blocked https://evil.example/x.js')
    const crossSite = await fetch(`${server.base}/login`, {
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' },
    })
    expect(crossSite.status).toBe(403)
    // fetch() always sends Sec-Fetch-Mode: cors; a link followed from another site is a navigation.
    const link = await new Promise<number>((resolve, reject) =>
      http
        .get(
          `${server.base}/login`,
          { headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' } },
          (r) => {
            r.resume()
            resolve(r.statusCode ?? 0)
          },
        )
        .on('error', reject),
    )
    expect(link).toBe(200)
  })

  test('refused requests leave security events, aggregated per source (V16.3.2)', async () => {
    const { cookie } = await signUp()
    const refused = await Promise.all(
      Array.from({ length: 30 }, () =>
        post('/devices', { intent: 'rename', sessionId: 'x' }, cookie, { Origin: 'https://evil.example' }),
      ),
    )
    expect(refused.every((response) => response.status === 403)).toBe(true)
    await server.stop()
    const events = rows<{ details: string }>(
      "SELECT details FROM SecurityEvent WHERE type = 'access-refused' AND details LIKE '%403 POST /devices%'",
    )
    expect(events.length).toBe(1)
    expect(JSON.parse(events[0]!.details)).toMatchObject({ count: 30, reason: '403 POST /devices' })
  })
})
