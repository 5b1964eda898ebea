import { randomBytes } from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import { tmpDir } from '../../setup/paths.ts'

// Devices for the e2e tests: one browser context per device. Chromium keeps sending its
// own client hints (sec-ch-ua: "Chromium";v="156"…) whatever userAgent says, so every
// profile sets all six sec-ch-ua* headers: matching ones for Chromium browsers, empty
// ones (which the server treats as absent) for Safari and Firefox.

export type DeviceProfile = { label: string; userAgent: string; hints: Record<string, string>; mobile?: boolean }

const blankHints = {
  'sec-ch-ua': '',
  'sec-ch-ua-mobile': '',
  'sec-ch-ua-platform': '',
  'sec-ch-ua-platform-version': '',
  'sec-ch-ua-full-version-list': '',
  'sec-ch-ua-model': '',
}

export const devices = {
  chromeWindows: {
    label: 'Chrome 131 on Windows 11',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    hints: {
      'sec-ch-ua': '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      'sec-ch-ua-mobile': '?0',
      'sec-ch-ua-platform': '"Windows"',
      'sec-ch-ua-platform-version': '"15.0.0"',
      'sec-ch-ua-full-version-list':
        '"Google Chrome";v="131.0.6778.86", "Chromium";v="131.0.6778.86", "Not_A Brand";v="24.0.0.0"',
      'sec-ch-ua-model': '""',
    },
  },
  safariIphone: {
    label: 'Safari on iPhone',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    hints: blankHints,
    mobile: true,
  },
  firefoxLinux: {
    label: 'Firefox 133 on Linux',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    hints: blankHints,
  },
  edgeMac: {
    label: 'Edge 131 on macOS',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    hints: {
      'sec-ch-ua': '"Microsoft Edge";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      'sec-ch-ua-mobile': '?0',
      'sec-ch-ua-platform': '"macOS"',
      // Blank: with a version the label would be "Edge 131 on macOS 14.5".
      'sec-ch-ua-platform-version': '',
      'sec-ch-ua-full-version-list':
        '"Microsoft Edge";v="131.0.2903.70", "Chromium";v="131.0.6778.86", "Not_A Brand";v="24.0.0.0"',
      'sec-ch-ua-model': '""',
    },
  },
} satisfies Record<string, DeviceProfile>

export const password = 'correct horse battery'

/** A new browser context that looks like `device` to the server. */
export function newDevice(browser: Browser, device: DeviceProfile, options: BrowserContextOptions = {}) {
  return browser.newContext({
    userAgent: device.userAgent,
    extraHTTPHeaders: device.hints,
    ...(device.mobile ? { viewport: { width: 390, height: 844 } } : {}),
    ...options,
  })
}

/** One new context per profile, in order. */
export function newDevices<const T extends readonly DeviceProfile[]>(
  browser: Browser,
  profiles: T,
): Promise<{ [K in keyof T]: BrowserContext }> {
  return Promise.all(profiles.map((profile) => newDevice(browser, profile))) as Promise<{
    [K in keyof T]: BrowserContext
  }>
}

/** Signs up a brand-new user through /signup; the page ends on /devices. */
export async function signUpFreshUser(page: Page, name = 'Test Person') {
  const email = `e2e-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.com`
  await page.goto('/signup')
  await page.getByLabel('Name (optional)').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  // Argon2, and on a fresh server the first location lookup opens its database: on a loaded
  // 2-core machine the first sign-up of a run has taken more than the default 5 s.
  await expect(page).toHaveURL(/\/devices$/, { timeout: 15_000 })
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  return { email, password }
}

/** Signs in on `context` through /login and returns the page, left on /devices. */
export async function signIn(context: BrowserContext, email: string, secret = password) {
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(secret)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/devices$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  return page
}

/** The rows of the "Your devices" list (not the ended sessions). */
export const deviceRows = (page: Page) => page.getByRole('region', { name: 'Your devices' }).getByRole('article')

/** The devices' names, in page order. */
export const deviceNames = (page: Page) =>
  page.getByRole('region', { name: 'Your devices' }).getByRole('article').getByRole('heading', { level: 3 })

/** What the current device's heading reads: its name, then the "This device" badge. */
export const thisDevice = (name: string) =>
  new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*This device$`)

/** Opens /devices and resolves once its live-event stream is connected. */
export async function openDevicesLive(page: Page) {
  const stream = page.waitForResponse((response) => new URL(response.url()).pathname === '/session/events')
  await page.goto('/devices')
  expect((await stream).status()).toBe(200)
}

// The same file as playwright.config.ts gives the server (E2E_PORT lets runs sit side by side).
const port = Number(process.env.E2E_PORT ?? 3100)
const e2eDatabase = path.join(tmpDir, port === 3100 ? 'e2e.db' : `e2e-${port}.db`)

/** The e2e server's database, opened beside the running server (WAL, so both can write). */
export function openDatabase() {
  const db = new Database(e2eDatabase, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  return db
}

/** Prisma stores DateTime in SQLite as ISO text with an explicit offset. */
export const sqliteDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

/** Makes every session of the user look as if the password was last confirmed an hour ago. */
export function makeReauthStale(email: string) {
  const db = openDatabase()
  try {
    const changed = db
      .prepare('UPDATE Session SET reauthenticatedAt = ? WHERE userId = (SELECT id FROM User WHERE email = ?)')
      .run(sqliteDate(Date.now() - 3_600_000), email).changes
    expect(changed).toBeGreaterThan(0)
  } finally {
    db.close()
  }
}
