import { expect, test, type Page } from '@playwright/test'
import {
  deviceRows,
  devices,
  newDevices,
  openDatabase,
  openDevicesLive,
  signIn,
  signUpFreshUser,
  sqliteDate,
} from './support/devices.ts'

// An open tab is not a person: the live stream and the page refreshes it triggers must
// not extend the idle timeout, while a click still counts. Activity is written at most
// once a minute, so the session's last activity is set ten minutes back first: any
// request that counts as activity would then write it.

const BACKGROUND_HEADER = 'x-doorman-background'

type SessionRow = { id: string; lastActiveAt: string; idleExpiresAt: string }

/** The session with this id, or the user's only one. */
function readSession(where: { id: string } | { email: string }) {
  const db = openDatabase()
  try {
    const columns = 'SELECT id, lastActiveAt, idleExpiresAt FROM Session'
    return 'id' in where
      ? (db.prepare(`${columns} WHERE id = ?`).get(where.id) as SessionRow)
      : (db.prepare(`${columns} WHERE userId = (SELECT id FROM User WHERE email = ?)`).get(where.email) as SessionRow)
  } finally {
    db.close()
  }
}

function setLastActive(sessionId: string, at: string) {
  const db = openDatabase()
  try {
    db.prepare('UPDATE Session SET lastActiveAt = ? WHERE id = ?').run(at, sessionId)
  } finally {
    db.close()
  }
}

/** The page's data requests (`*.data`), with whether each was marked as background. */
function recordDataRequests(page: Page) {
  const seen: { path: string; background: boolean }[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.endsWith('.data'))
      seen.push({ path: url.pathname, background: request.headers()[BACKGROUND_HEADER] === '1' })
  })
  return seen
}

test('a live refresh of an open tab is not activity; a click is', async ({ browser }) => {
  const [idleTab, laptop, phone] = await newDevices(browser, [
    devices.chromeWindows,
    devices.firefoxLinux,
    devices.safariIphone,
  ])
  const page = await idleTab.newPage()
  const { email } = await signUpFreshUser(page)
  await openDevicesLive(page)
  const session = readSession({ email })
  const tenMinutesAgo = sqliteDate(Date.now() - 600_000)
  setLastActive(session.id, tenMinutesAgo)
  const dataRequests = recordDataRequests(page)
  // The hub notices a changed device list by comparing with its previous tick (1.5 s).
  await page.waitForTimeout(2_000)

  // Two sign-ins elsewhere: the open tab hears of each and reloads its data by itself.
  await signIn(laptop, email)
  await expect(deviceRows(page)).toHaveCount(2, { timeout: 10_000 })
  await signIn(phone, email)
  await expect(deviceRows(page)).toHaveCount(3, { timeout: 10_000 })
  const afterRefreshes = readSession(session)
  expect(afterRefreshes.lastActiveAt).toBe(tenMinutesAgo)
  expect(afterRefreshes.idleExpiresAt).toBe(session.idleExpiresAt)
  expect(dataRequests.length).toBeGreaterThanOrEqual(2)
  expect(dataRequests.every((request) => request.background)).toBe(true)

  // A click is activity: its data request is not marked, and the session is touched.
  dataRequests.length = 0
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click()
  await expect(page).toHaveURL(/\/account$/)
  expect(dataRequests).toEqual([{ path: '/account.data', background: false }])
  const afterClick = readSession(session)
  expect(Date.parse(afterClick.lastActiveAt)).toBeGreaterThan(Date.now() - 60_000)

  await Promise.all([idleTab, laptop, phone].map((context) => context.close()))
})
