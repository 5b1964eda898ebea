import { createHash, randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import {
  deviceNames,
  deviceRows,
  devices,
  newDevice,
  openDatabase,
  signUpFreshUser,
  sqliteDate,
  thisDevice,
} from './support/devices.ts'

const SESSIONS = 1_000

/** Gives the user `count - 1` more active sessions, copies of their current one, each a minute less recently active. */
function addSessions(email: string, count: number) {
  const db = openDatabase()
  try {
    const [current, ...rest] = db
      .prepare('SELECT * FROM Session WHERE userId = (SELECT id FROM User WHERE email = ?)')
      .all(email) as Array<Record<string, unknown>>
    expect(current).toBeDefined()
    expect(rest).toHaveLength(0)
    const columns = Object.keys(current!)
    const insert = db.prepare(
      `INSERT INTO Session (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
    )
    const now = Date.now()
    db.transaction(() => {
      for (let index = 1; index < count; index++) {
        const lastActive = now - index * 60_000
        insert.run({
          ...current,
          id: randomBytes(16).toString('base64url'),
          tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
          label: `Bulk device ${index}`,
          createdAt: sqliteDate(lastActive - 3_600_000),
          lastActiveAt: sqliteDate(lastActive),
          idleExpiresAt: sqliteDate(lastActive + 7 * 86_400_000),
        })
      }
    })()
  } finally {
    db.close()
  }
}

/** Median time of 5 GETs of the page (root and devices loaders, rendering), after one to warm up. */
async function medianPageTime(page: Page, url = '/devices') {
  const timings: number[] = []
  for (let run = 0; run < 6; run++) {
    const started = performance.now()
    const response = await page.request.get(url)
    await response.body()
    expect(response.status()).toBe(200)
    if (run > 0) timings.push(performance.now() - started)
  }
  return timings.sort((a, b) => a - b)[2]!
}

test(`with ${SESSIONS} signed-in devices the page shows 50 and "Show more" loads more; GET /devices stays fast`, async ({
  browser,
}) => {
  const context = await newDevice(browser, devices.chromeWindows)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page)
  const baseline = await medianPageTime(page)
  addSessions(email, SESSIONS)

  await page.goto('/devices')
  await expect(page.getByText(`${SESSIONS} devices are signed in to your account.`)).toBeVisible()
  await expect(deviceRows(page)).toHaveCount(50)
  // This device first, then the most recently active.
  await expect(deviceNames(page).nth(0)).toHaveText(thisDevice('Chrome 131 on Windows 11'))
  await expect(deviceNames(page).nth(1)).toHaveText('Bulk device 1')
  await expect(deviceNames(page).nth(49)).toHaveText('Bulk device 49')

  await page.getByRole('link', { name: `Show more (${SESSIONS - 50} more)` }).click()
  await expect(page).toHaveURL(/\/devices\?show=100$/)
  await expect(deviceRows(page)).toHaveCount(100)
  await expect(deviceNames(page).nth(99)).toHaveText('Bulk device 99')
  await expect(page.getByRole('link', { name: `Show more (${SESSIONS - 100} more)` })).toBeVisible()

  const median = await medianPageTime(page)
  const everything = await medianPageTime(page, `/devices?show=${SESSIONS}`)
  console.log(
    `GET /devices, median of 5: ${baseline.toFixed(1)} ms with 1 session, ${median.toFixed(1)} ms with ${SESSIONS}` +
      ` (first 50 shown); ?show=${SESSIONS}: ${everything.toFixed(1)} ms`,
  )
  expect(median).toBeLessThan(1_000)
  await context.close()
})
