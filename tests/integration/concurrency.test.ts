import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { password, startBuiltServer, uniqueEmail, type BuiltServer } from './support/built-server.ts'

// Invariants under parallel requests, against the built production server: every burst
// below is sent at once, over as many connections (docs/decisions/007 and 008).

// Bursts of Argon2 checks on a shared two-core machine take tens of seconds.
vi.setConfig({ testTimeout: 180_000 })

let server: BuiltServer
beforeAll(async () => {
  // A small hashing queue, so that a flood meets the bound; waits long enough that the
  // few allowed attempts of a burst are all checked on a slow, shared machine.
  server = await startBuiltServer(4210, { PASSWORD_HASH_QUEUE: '4', PASSWORD_HASH_MAX_WAIT: '20s' })
}, 300_000)
afterAll(() => server?.stop())

let nextIp = 1
/** A fresh client IP per use, so that no two tests share a throttle counter. */
const ip = () => `198.51.100.${nextIp++}`

const statuses = (responses: Response[]) => responses.map((response) => response.status)
const count = (values: number[], wanted: number) => values.filter((value) => value === wanted).length
const eventCount = (type: string, email: string) =>
  server.query<{ n: number }>(
    "SELECT count(*) AS n FROM SecurityEvent WHERE type = ? AND (targetUserId = (SELECT id FROM User WHERE email = ?) OR details LIKE '%' || ? || '%')",
    type,
    email,
    email,
  )[0]!.n
const userId = (email: string) => server.query<{ id: string }>('SELECT id FROM User WHERE email = ?', email)[0]!.id

async function signedUp() {
  const client = server.client(ip())
  const email = await client.signUp()
  return { client, email }
}

/**
 * The allowance is 5 attempts, then a block of 1 s that doubles per attempt. A burst
 * takes several seconds to be answered on a loaded machine, so an attempt may arrive
 * after the first block has passed and be checked too: a handful, never the forty that
 * were all checked when the limit was read before the slow check.
 */
function expectThrottled(codes: number[], checked: number) {
  expect(count(codes, 400)).toBe(checked)
  expect(checked).toBeGreaterThanOrEqual(5)
  expect(checked).toBeLessThanOrEqual(8)
  expect(count(codes, 429)).toBe(40 - checked)
}

describe('a burst of wrong passwords is throttled after the allowance', () => {
  test('sign-in: 40 at once from one IP, 5 checked, 35 refused with 429 and Retry-After', async () => {
    const { email } = await signedUp()
    const attacker = server.client(ip())
    const responses = await Promise.all(Array.from({ length: 40 }, () => attacker.signIn(email, 'wrong guess')))
    // Each checked password left one failure event; the refused ones were never checked.
    expectThrottled(statuses(responses), eventCount('sign-in-failed', email))
    expect(responses.find((response) => response.status === 429)!.headers.get('Retry-After')).toMatch(/^\d+$/)
  })

  test('/confirm-password: 40 at once from a signed-in session, 5 checked', async () => {
    const { client, email } = await signedUp()
    const responses = await Promise.all(
      Array.from({ length: 40 }, () =>
        client.post('/confirm-password', { password: 'wrong guess', redirectTo: '/devices' }),
      ),
    )
    expectThrottled(statuses(responses), eventCount('reauth-failed', email))
  })

  test('password change: 40 at once, 5 checked, the password unchanged', async () => {
    const { client, email } = await signedUp()
    const form = { currentPassword: 'wrong guess', newPassword: 'a new password 1', signOutOthers: 'on' }
    const responses = await Promise.all(Array.from({ length: 40 }, () => client.post('/account', form)))
    expectThrottled(statuses(responses), eventCount('reauth-failed', email))
    expect(eventCount('password-changed', email)).toBe(0)
  })
})

describe('a change is refused when its actor lost the right meanwhile', () => {
  test('a password change racing a sign-out of the same session never changes it after the sign-out', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const { client, email } = await signedUp()
      const cookie = client.cookie
      const [change, signOut] = await Promise.all([
        client.post(
          '/account',
          { currentPassword: password, newPassword: 'changed in a race', signOutOthers: 'on' },
          cookie,
        ),
        client.post('/logout', {}, cookie),
      ])
      expect(statuses([change, signOut]).every((status) => status < 500)).toBe(true)
      const events = server.query<{ type: string }>(
        "SELECT type FROM SecurityEvent WHERE targetUserId = ? AND type IN ('sign-out', 'password-changed') ORDER BY id",
        userId(email),
      )
      // Either the change came first (then the sign-out ended the renewed session), or
      // the sign-out did and the change was refused, sent to the sign-in page.
      if (events[0]?.type === 'sign-out') {
        expect(events.map((event) => event.type)).toEqual(['sign-out'])
        expect(change.headers.get('Location')).toMatch(/^\/login\?reason=signed-out/)
      } else {
        expect(events.map((event) => event.type)).toEqual(['password-changed', 'sign-out'])
      }
    }
  })
})

describe('the last active administrator survives parallel demotions and disables', () => {
  async function twoAdmins() {
    server.run("UPDATE User SET role = 'user' WHERE role = 'admin'")
    const a = await signedUp()
    const b = await signedUp()
    server.run("UPDATE User SET role = 'admin' WHERE email IN (?, ?)", a.email, b.email)
    return { a, b }
  }
  const activeAdmins = () =>
    server.query<{ n: number }>("SELECT count(*) AS n FROM User WHERE role = 'admin' AND disabledAt IS NULL")[0]!.n

  test('two admins demoting each other at once: one stays an admin', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const { a, b } = await twoAdmins()
      const responses = await Promise.all([
        a.client.post(`/admin/users/${userId(b.email)}`, { intent: 'set-role', role: 'user' }),
        b.client.post(`/admin/users/${userId(a.email)}`, { intent: 'set-role', role: 'user' }),
      ])
      expect(statuses(responses).every((status) => status < 500)).toBe(true)
      expect(activeAdmins()).toBe(1)
    }
  })

  test('a disable racing a demotion on the last two admins: one stays an active admin', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const { a, b } = await twoAdmins()
      const responses = await Promise.all([
        a.client.post(`/admin/users/${userId(b.email)}`, { intent: 'disable' }),
        b.client.post(`/admin/users/${userId(a.email)}`, { intent: 'set-role', role: 'user' }),
      ])
      expect(statuses(responses).every((status) => status < 500)).toBe(true)
      expect(activeAdmins()).toBe(1)
    }
  })

  test('the only admin demoting and disabling themselves at once: refused both times', async () => {
    const { a, b } = await twoAdmins()
    server.run("UPDATE User SET role = 'user' WHERE email = ?", b.email)
    const me = userId(a.email)
    const responses = await Promise.all([
      a.client.post(`/admin/users/${me}`, { intent: 'set-role', role: 'user' }),
      a.client.post(`/admin/users/${me}`, { intent: 'disable' }),
    ])
    expect(statuses(responses)).toEqual([409, 409])
    expect(activeAdmins()).toBe(1)
  })
})

describe('sign-up', () => {
  test('the same email at once from three places: one account, the others a clean 409', async () => {
    const email = uniqueEmail('twice')
    const responses = await Promise.all(
      Array.from({ length: 3 }, () => server.client(ip()).post('/signup', { email, password, name: 'Twin' })),
    )
    const codes = statuses(responses).sort()
    expect(codes).toEqual([302, 409, 409])
    const refused = responses.find((response) => response.status === 409)!
    expect(await refused.text()).toContain('An account with that email already exists')
    expect(server.query<{ n: number }>('SELECT count(*) AS n FROM User WHERE email = ?', email)[0]!.n).toBe(1)
  })

  test('one IP is throttled after its free sign-ups', async () => {
    const flooder = server.client(ip())
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => flooder.post('/signup', { email: uniqueEmail('flood'), password })),
    )
    const codes = statuses(responses)
    // SIGNUP_FREE_PER_IP is 10; a sign-up refused because the hashing queue was full gets
    // its attempt back, but the block its turn set stays, so a few less may get through.
    expect(count(codes, 302)).toBeLessThanOrEqual(10)
    expect(count(codes, 302)).toBeGreaterThanOrEqual(6)
    expect(count(codes, 302) + count(codes, 429)).toBe(20)
  })
})

describe('sign-in with a session cookie already in the browser', () => {
  test("another account's valid cookie: a new session for the new account; the old one ended and recorded", async () => {
    const first = await signedUp()
    const second = await signedUp()
    const browser = first.client
    const oldCookie = browser.cookie
    const response = await browser.signIn(second.email)
    expect(response.status).toBe(302)
    expect(browser.cookie).not.toBe(oldCookie)
    expect(await (await browser.get('/account')).text()).toContain(second.email)
    const ended = server.query<{ endReason: string | null }>(
      'SELECT endReason FROM Session WHERE userId = ? ORDER BY createdAt',
      userId(first.email),
    )
    expect(ended).toEqual([{ endReason: 'signed-out' }])
    const events = server.query<{ details: string }>(
      "SELECT details FROM SecurityEvent WHERE type = 'sign-out' AND targetUserId = ?",
      userId(first.email),
    )
    expect(JSON.parse(events[0]!.details)).toEqual({ why: 'replaced-by-sign-in' })
    // The old cookie no longer lets anyone in.
    expect((await browser.request('GET', '/devices', undefined, oldCookie)).status).toBe(302)
  })

  test('the same account: still a new session and a new cookie', async () => {
    const { client, email } = await signedUp()
    const oldCookie = client.cookie
    expect((await client.signIn(email)).status).toBe(302)
    expect(client.cookie).not.toBe(oldCookie)
    expect(server.query('SELECT id FROM Session WHERE userId = ? AND endedAt IS NULL', userId(email))).toHaveLength(1)
  })
})

describe('a revoke racing a touch', () => {
  test('the revoke is never undone by the activity write', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const { client: phone, email } = await signedUp()
      const cookie = phone.cookie
      const laptop = server.client(ip())
      await laptop.signIn(email)
      const [phoneSession] = server.query<{ id: string }>(
        'SELECT id FROM Session WHERE userId = ? ORDER BY createdAt LIMIT 1',
        userId(email),
      )
      // Old activity, so that the phone's next request writes a touch.
      server.run(
        'UPDATE Session SET lastActiveAt = ? WHERE id = ?',
        new Date(Date.now() - 600_000).toISOString().replace('Z', '+00:00'),
        phoneSession!.id,
      )
      await Promise.all([
        phone.get('/devices'),
        phone.get('/account'),
        laptop.post('/devices', { intent: 'revoke', sessionId: phoneSession!.id }),
        phone.get('/devices'),
      ])
      const [row] = server.query<{ endedAt: string | null; endReason: string | null }>(
        'SELECT endedAt, endReason FROM Session WHERE id = ?',
        phoneSession!.id,
      )
      expect(row).toMatchObject({ endReason: 'revoked-by-user' })
      expect(row!.endedAt).not.toBeNull()
      expect((await phone.request('GET', '/devices', undefined, cookie)).headers.get('Location')).toMatch(
        /^\/login\?reason=revoked-by-user/,
      )
    }
  })
})

/** A GET on a connection of its own (no reuse of a keep-alive socket the server may close). */
const getOnNewConnection = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      })
      .on('error', reject)
  })

describe('a sign-up flood from many IPs', () => {
  // One hash at a time and one waiting: the bound is met at once by a flood.
  let flooded: BuiltServer
  beforeAll(async () => {
    flooded = await startBuiltServer(4211, { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '1' })
  }, 300_000)
  afterAll(() => flooded?.stop())

  test('bounded hashing, the rest 429 with Retry-After, /healthz answers meanwhile', async () => {
    // The yardstick, in the same run: how long 60 parallel requests for a cheap page take.
    const started = performance.now()
    await Promise.all(Array.from({ length: 60 }, () => getOnNewConnection(`${flooded.base}/login`)))
    const cheapFlood = performance.now() - started
    const flood = Promise.all(
      Array.from({ length: 60 }, () => flooded.client(ip()).post('/signup', { email: uniqueEmail('many'), password })),
    )
    const health: number[] = []
    let finished = false
    void flood.finally(() => (finished = true)).catch(() => undefined)
    while (!finished) {
      const asked = performance.now()
      expect(await getOnNewConnection(`${flooded.base}/healthz`)).toBe(200)
      health.push(performance.now() - asked)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const responses = await flood
    const codes = statuses(responses)
    expect(codes.every((code) => code === 302 || code === 429)).toBe(true)
    const busy = responses.filter((response) => response.status === 429)
    expect(busy.length).toBeGreaterThan(0)
    expect(busy.every((response) => Number(response.headers.get('Retry-After')) > 0)).toBe(true)
    // Responsive: health checks kept being answered while the flood was (the machine is
    // shared and loaded, so only a generous bound; the figures are in the issue note).
    const sorted = [...health].sort((a, b) => a - b)
    console.log(
      `sign-up flood: ${codes.length - busy.length} created, ${busy.length} × 429; /healthz during it: ` +
        `${health.length} checks, median ${sorted[sorted.length >> 1]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; ` +
        `60 parallel GET /login took ${cheapFlood.toFixed(0)} ms`,
    )
    // No health check waited much longer than a flood of cheap pages takes: the hashing
    // does not hold the event loop (absolute times mean little on this shared machine).
    expect(health.length).toBeGreaterThan(0)
    expect(Math.max(...health)).toBeLessThan(3 * cheapFlood + 1_000)
  }, 180_000)
})
