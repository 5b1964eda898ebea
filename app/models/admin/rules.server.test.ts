import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { parseRule, type SessionRule } from '~/lib/admin/session-rule.ts'
import { previewRule, revokeByRule } from '~/models/admin/rules.server.ts'
import { actorFor, makeSession, uniqueWord } from '~/models/admin/test-fixtures.server.ts'
import { makeUser } from '../../../tests/setup/factories.ts'

// Rules are evaluated at a moment far in the future, where only this file's sessions are
// active: the tests share their database with other files and stay exact anyway.
const NOW = new Date('2099-06-15T12:00:00Z')
const DAY = 86_400_000

function rule(fields: Record<string, string>): SessionRule {
  const parsed = parseRule(new URLSearchParams(fields))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.rule
}

async function matchedIps(fields: Record<string, string>) {
  const preview = await previewRule(rule(fields), { except: { sessionId: 'none', userId: 'none' }, now: NOW })
  return {
    ...preview,
    ips: (
      await db.session.findMany({
        where: { id: { in: preview.sample.map((row) => row.id) } },
        select: { lastIp: true },
      })
    )
      .map((row) => row.lastIp)
      .sort(),
  }
}

describe('CIDR rules over stored sessions', async () => {
  const user = await makeUser()
  const browserName = uniqueWord('Cidr')
  const ips = [
    '203.0.113.0',
    '203.0.113.255',
    '203.0.112.255',
    '203.0.114.1',
    '10.1.16.5',
    '10.1.32.0',
    '::1',
    '::2',
    '2001:db8::7',
    '2001:db9::7',
    '::ffff:1.2.3.4',
    '1.2.3.9',
    '1.2.4.1',
  ]
  for (const ip of ips) await makeSession(user.id, { now: NOW, ip, browserName })
  const only = (fields: Record<string, string>) => matchedIps({ browser: browserName, ...fields })

  test('IPv4 /32 matches one address', async () => {
    expect((await only({ ip: '203.0.113.255/32' })).ips).toEqual(['203.0.113.255'])
  })

  test('IPv4 /24 includes both ends and nothing beyond', async () => {
    expect((await only({ ip: '203.0.113.0/24' })).ips).toEqual(['203.0.113.0', '203.0.113.255'])
  })

  test('a /20 (not octet-aligned) is checked exactly', async () => {
    expect((await only({ ip: '10.1.16.0/20' })).ips).toEqual(['10.1.16.5'])
  })

  test('IPv4 /0 matches every IPv4 session, mapped ones included, and no IPv6 one', async () => {
    const result = await only({ ip: '0.0.0.0/0' })
    expect(result.sessions).toBe(9)
  })

  test('IPv6 ::1/128 and 2001:db8::/32', async () => {
    expect((await only({ ip: '::1/128' })).ips).toEqual(['::1'])
    expect((await only({ ip: '2001:db8::/32' })).ips).toEqual(['2001:db8::7'])
  })

  test('IPv4-mapped ::ffff:1.2.3.4 is in 1.2.3.0/24', async () => {
    expect((await only({ ip: '1.2.3.0/24' })).ips).toEqual(['1.2.3.9', '::ffff:1.2.3.4'])
    expect((await only({ ip: '1.2.3.0/25' })).ips).toEqual(['1.2.3.9', '::ffff:1.2.3.4'])
  })

  test('a stored value that is no address matches no range and fails no query', async () => {
    const strays = uniqueWord('Stray')
    for (const ip of ['unknown', '10.0.0.1:8080', '1:2:3:4:5:6:7:8:9', '10.0.0.256', '10.0.0.7'])
      await makeSession(user.id, { now: NOW, ip, browserName: strays })
    const stray = (ip: string) => matchedIps({ browser: strays, ip })
    expect((await stray('10.0.0.0/7')).ips).toEqual(['10.0.0.7'])
    expect((await stray('::/0')).sessions).toBe(0)
  })

  test('the preview counts users as well as sessions', async () => {
    const other = await makeUser()
    await makeSession(other.id, { now: NOW, ip: '2001:db8::8', browserName })
    const result = await only({ ip: '2001:db8::/32' })
    expect({ sessions: result.sessions, users: result.users }).toEqual({ sessions: 2, users: 2 })
  })
})

describe('the other rules, combined with AND', async () => {
  const [alice, bob, admin] = await Promise.all([makeUser(), makeUser(), makeUser({ role: 'admin' })])
  const osName = uniqueWord('Os')
  const old = await makeSession(alice.id, {
    now: NOW,
    osName,
    agent: 'firefoxLinux',
    createdAgo: 40 * DAY,
    activeAgo: 20 * DAY,
  })
  const fresh = await makeSession(alice.id, {
    now: NOW,
    osName,
    agent: 'chromeWindows',
    createdAgo: DAY,
    activeAgo: 60_000,
  })
  const bobs = await makeSession(bob.id, {
    now: NOW,
    osName,
    agent: 'firefoxLinux',
    createdAgo: 10 * DAY,
    activeAgo: 9 * DAY,
  })
  const admins = await makeSession(admin.id, {
    now: NOW,
    osName,
    agent: 'firefoxLinux',
    createdAgo: 10 * DAY,
    activeAgo: 9 * DAY,
  })
  await makeSession(alice.id, { now: NOW, osName, agent: 'firefoxLinux', ended: true })
  await makeSession(bob.id, { now: NOW, osName, agent: 'firefoxLinux', expired: true })
  const ids = async (fields: Record<string, string>, except = { sessionId: 'none', userId: 'none' }) =>
    (await previewRule(rule({ os: osName, ...fields }), { except, now: NOW })).sample.map((row) => row.id).sort()
  const sorted = (...rows: Array<{ id: string }>) => rows.map((row) => row.id).sort()

  test('an OS family alone: active sessions only, ended and expired ones never', async () => {
    expect(await ids({})).toEqual(sorted(old, fresh, bobs, admins))
  })

  test('OS names match whatever their case', async () => {
    expect(await ids({ os: osName.toUpperCase() })).toEqual(sorted(old, fresh, bobs, admins))
  })

  test('signed in before a date', async () => {
    const cutoff = new Date(NOW.getTime() - 20 * DAY).toISOString().slice(0, 10)
    expect(await ids({ signedInBefore: cutoff })).toEqual(sorted(old))
  })

  test('inactive for more than N days', async () => {
    expect(await ids({ inactiveDays: '8' })).toEqual(sorted(old, bobs, admins))
    expect(await ids({ inactiveDays: '10' })).toEqual(sorted(old))
  })

  test('a browser family, case-insensitive', async () => {
    expect(await ids({ browser: 'FIREFOX' })).toEqual(sorted(old, bobs, admins))
    expect(await ids({ browser: 'fire' })).toEqual([])
  })

  test('users of a role', async () => {
    expect(await ids({ role: 'admin' })).toEqual(sorted(admins))
    expect(await ids({ role: 'user', browser: 'firefox', inactiveDays: '8' })).toEqual(sorted(old, bobs))
  })

  test("the acting admin's own session is never matched", async () => {
    expect(await ids({ role: 'admin' }, { sessionId: admins.id, userId: admin.id })).toEqual([])
  })
})

describe('counts leave the acting admin’s own session out', () => {
  test('and the admin too, when that session was their only match', async () => {
    const [admin, other] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const osName = uniqueWord('Own')
    const mine = await makeSession(admin.id, { now: NOW, osName })
    await makeSession(other.id, { now: NOW, osName })
    const count = async () => {
      const { sessions, users } = await previewRule(rule({ os: osName }), {
        except: { sessionId: mine.id, userId: admin.id },
        now: NOW,
      })
      return { sessions, users }
    }
    expect(await count()).toEqual({ sessions: 1, users: 1 })
    await makeSession(admin.id, { now: NOW, osName })
    expect(await count()).toEqual({ sessions: 2, users: 2 })
  })
})

describe('revokeByRule', () => {
  test('ends exactly what the preview counted, records one event, and spares new sessions', async () => {
    const [admin, target] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const browserName = uniqueWord('Bulk')
    const now = new Date()
    for (const ip of ['198.51.100.1', '198.51.100.200', '198.51.101.1'])
      await makeSession(target.id, { now, ip, browserName })
    const mine = await makeSession(admin.id, { now, ip: '198.51.100.9', browserName })
    const theRule = rule({ browser: browserName, ip: '198.51.100.0/24' })
    const preview = await previewRule(theRule, { except: { sessionId: mine.id, userId: admin.id } })
    expect({ sessions: preview.sessions, users: preview.users }).toEqual({ sessions: 2, users: 1 })

    const late = await makeSession(target.id, {
      now: new Date(Date.now() + 5),
      ip: '198.51.100.50',
      browserName,
      createdAgo: 0,
    })
    const result = await revokeByRule(actorFor(admin, mine.id), theRule, preview.at)
    expect(result).toEqual({ count: 2, users: 1 })

    const rows = await db.session.findMany({
      where: { browserName },
      select: { id: true, lastIp: true, endReason: true, endedById: true, endedByLabel: true },
    })
    const ended = rows
      .filter((row) => row.endReason)
      .map((row) => row.lastIp)
      .sort()
    expect(ended).toEqual(['198.51.100.1', '198.51.100.200'])
    expect(rows.find((row) => row.id === mine.id)?.endReason).toBeNull()
    expect(rows.find((row) => row.id === late.id)?.endReason).toBeNull()
    expect(
      rows
        .filter((row) => row.endReason)
        .every(
          (row) =>
            row.endReason === 'revoked-by-admin' &&
            row.endedById === admin.id &&
            row.endedByLabel === 'An administrator',
        ),
    ).toBe(true)

    const events = await db.securityEvent.findMany({ where: { type: 'admin-revoked-by-rule', actorId: admin.id } })
    expect(events).toHaveLength(1)
    expect(JSON.parse(events[0]!.details!)).toMatchObject({
      by: 'admin',
      count: 2,
      users: 1,
      rule: { browser: browserName, ip: '198.51.100.0/24' },
    })
  })
})
