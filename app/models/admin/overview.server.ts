import { db } from '~/db.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'

// The overview's numbers. Each is one or a few indexed queries, so the page stays fast
// with a million sessions and events (figures in the issue report).

const DAY = 86_400_000
export const DAILY_DAYS = 14

export type Tally = Array<{ name: string; count: number }>
export type DailyCount = { day: string; signIns: number; failed: number }

export const startOfUtcDay = (date: Date) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))

export async function getOverview(now = new Date()) {
  const [active, activeUsers24h, daily] = await Promise.all([
    activeSessionBreakdown(now),
    countRecentlyActiveUsers(now),
    dailySignIns(now),
  ])
  const today = daily.at(-1) ?? { signIns: 0, failed: 0 }
  return {
    now,
    activeSessions: active.total,
    activeUsers24h,
    signInsToday: today.signIns,
    failedToday: today.failed,
    ...active,
    daily,
  }
}

function tally(groups: Array<{ key: string | null; count: number }>, unknown: string): Tally {
  const counts = new Map<string, number>()
  for (const { key, count } of groups) counts.set(key ?? unknown, (counts.get(key ?? unknown) ?? 0) + count)
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
}

/** Active sessions by device type, browser and OS: one pass gives all three and the total. */
export async function activeSessionBreakdown(now = new Date()) {
  const groups = await db.session.groupBy({
    by: ['deviceType', 'browserName', 'osName'],
    where: activeSessionWhere(now),
    _count: { _all: true },
  })
  const rows = groups.map((group) => ({ ...group, count: group._count._all }))
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    byDeviceType: tally(
      rows.map((row) => ({ key: row.deviceType, count: row.count })),
      'other',
    ),
    byBrowser: tally(
      rows.map((row) => ({ key: row.browserName, count: row.count })),
      'Unknown',
    ),
    byOs: tally(
      rows.map((row) => ({ key: row.osName, count: row.count })),
      'Unknown',
    ),
  }
}

/** People with any session (ended since or not) active in the last 24 hours. */
export function countRecentlyActiveUsers(now = new Date()) {
  return db.user.count({
    where: { sessions: { some: { lastActiveAt: { gte: new Date(now.getTime() - DAY), lte: now } } } },
  })
}

/** The smallest event id of the UTC day starting at `start` (a range of the createdAt index). */
async function firstIdOfDay(start: Date, end?: Date) {
  const { _min } = await db.securityEvent.aggregate({
    where: { createdAt: { gte: start, ...(end ? { lt: end } : {}) } },
    _min: { id: true },
  })
  return _min.id
}

/**
 * Sign-ins and failed sign-ins per UTC day, oldest first, today last. Events are appended
 * as they happen, so ids follow time: each day becomes an id range (from its first
 * event's id to the next day's), and each count is a range of the (type, id) index.
 * Nothing reads the rows themselves, whatever the number of events. An event written a
 * few milliseconds out of order across midnight counts on the adjacent day at worst.
 */
export async function dailySignIns(now = new Date(), days = DAILY_DAYS): Promise<DailyCount[]> {
  const first = startOfUtcDay(now).getTime() - (days - 1) * DAY
  const starts = Array.from({ length: days + 1 }, (_, index) => new Date(first + index * DAY))
  // The last start is tomorrow: everything from then on (normally nothing) bounds today.
  const mins = await Promise.all(
    starts.map((start, index) => firstIdOfDay(start, index < days ? new Date(start.getTime() + DAY) : undefined)),
  )
  // A day's range starts at the smallest id of that day or any later one (days can be empty).
  const bounds = mins.map((_, index) =>
    mins.slice(index).reduce<number | null>((min, id) => (id !== null && (min === null || id < min) ? id : min), null),
  )
  return Promise.all(
    starts.slice(0, days).map(async (start, index) => {
      const from = bounds[index]
      const to = bounds[index + 1]
      const day = start.toISOString().slice(0, 10)
      if (from === null || from === undefined) return { day, signIns: 0, failed: 0 }
      const id = to === null || to === undefined ? { gte: from } : { gte: from, lt: to }
      const [signIns, failed] = await Promise.all([
        db.securityEvent.count({ where: { type: 'sign-in', id } }),
        db.securityEvent.count({ where: { type: 'sign-in-failed', id } }),
      ])
      return { day, signIns, failed }
    }),
  )
}
