import { afterAll, describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import {
  activeSessionBreakdown,
  countRecentlyActiveUsers,
  dailySignIns,
  getOverview,
} from '~/models/admin/overview.server.ts'
import { makeSession } from '~/models/admin/test-fixtures.server.ts'
import { makeUser } from '../../../tests/setup/factories.ts'

// The overview counts everything in the database. Seen from a moment far in the future,
// only this file's sessions are active and only its events are that recent, so the
// numbers are exact even though other test files share the database.
const NOW = new Date('2150-01-10T15:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const created: string[] = []

afterAll(async () => {
  await db.securityEvent.deleteMany({ where: { createdAt: { gte: new Date('2149-01-01') } } })
  await db.user.deleteMany({ where: { id: { in: created } } })
})

async function user() {
  const made = await makeUser()
  created.push(made.id)
  return made
}

describe('active sessions and people', async () => {
  const [ada, bob, cy] = [await user(), await user(), await user()]
  await makeSession(ada.id, { now: NOW, agent: 'chromeWindows' })
  await makeSession(ada.id, { now: NOW, agent: 'safariIphone', activeAgo: 3 * HOUR })
  await makeSession(bob.id, { now: NOW, agent: 'firefoxLinux', activeAgo: 30 * HOUR })
  await makeSession(bob.id, { now: NOW, agent: 'chromeWindows', ended: true })
  await makeSession(cy.id, { now: NOW, agent: 'firefoxLinux', expired: true, activeAgo: 2 * HOUR })

  test('breakdowns by device type, browser and OS count active sessions only', async () => {
    expect(await activeSessionBreakdown(NOW)).toEqual({
      total: 3,
      byDeviceType: [
        { name: 'desktop', count: 2 },
        { name: 'mobile', count: 1 },
      ],
      byBrowser: [
        { name: 'Chrome', count: 1 },
        { name: 'Firefox', count: 1 },
        { name: 'Safari', count: 1 },
      ],
      byOs: [
        { name: 'iOS', count: 1 },
        { name: 'Linux', count: 1 },
        { name: 'Windows', count: 1 },
      ],
    })
  })

  test('users active in the last 24 hours: any session, ended or not, active since then', async () => {
    // Ada (2 sessions), Bob's ended session (1 minute ago) and Cy's expired one (2 hours ago).
    expect(await countRecentlyActiveUsers(NOW)).toBe(3)
    expect(await countRecentlyActiveUsers(new Date(NOW.getTime() + 23 * HOUR))).toBe(2)
    expect(await countRecentlyActiveUsers(new Date(NOW.getTime() + 2 * DAY))).toBe(0)
  })
})

describe('sign-ins per day', async () => {
  const person = await user()
  // Oldest first, as the app appends them, so that ids follow time.
  const times: Array<[number, 'sign-in' | 'sign-in-failed' | 'sign-out']> = [
    [-20 * DAY, 'sign-in'], // before the 14-day window
    [-13 * DAY - 14 * HOUR, 'sign-in'], // first day of the window, 01:00
    [-13 * DAY - 14 * HOUR, 'sign-in-failed'],
    [-2 * DAY, 'sign-out'],
    [-2 * DAY + HOUR, 'sign-in'],
    [-15 * HOUR + 1, 'sign-in-failed'], // today, 00:00:00.001
    [-15 * HOUR - 1, 'sign-in'], // yesterday 23:59:59.999, written 2 ms out of order: counts as today
    [-HOUR, 'sign-in'],
    [-HOUR, 'sign-in-failed'],
    [-HOUR, 'sign-in-failed'],
  ]
  for (const [offset, type] of times) {
    await db.securityEvent.create({
      data: { type, targetUserId: person.id, createdAt: new Date(NOW.getTime() + offset) },
    })
  }

  test('14 UTC days, today last, with both series', async () => {
    const days = await dailySignIns(NOW)
    expect(days).toHaveLength(14)
    expect(days[0]).toEqual({ day: '2149-12-28', signIns: 1, failed: 1 })
    expect(days.at(-3)).toEqual({ day: '2150-01-08', signIns: 1, failed: 0 })
    expect(days.at(-2)).toEqual({ day: '2150-01-09', signIns: 0, failed: 0 })
    expect(days.at(-1)).toEqual({ day: '2150-01-10', signIns: 2, failed: 3 })
    expect(days.slice(1, -3).every((day) => day.signIns === 0 && day.failed === 0)).toBe(true)
  })

  test('the overview puts today’s figures next to the counts', async () => {
    const overview = await getOverview(NOW)
    expect(overview).toMatchObject({ activeSessions: 3, activeUsers24h: 3, signInsToday: 2, failedToday: 3 })
    expect(overview.daily).toHaveLength(14)
  })
})
