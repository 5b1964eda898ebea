import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import {
  devices,
  newDevice,
  openDatabase,
  openDevicesLive,
  signIn,
  signUpFreshUser,
  type DeviceProfile,
} from './devices.ts'

// Helpers for the admin console's e2e tests. Every test makes its own users and its own
// admin, so tests run in parallel on the shared e2e database without touching the seeded
// accounts' sessions.

// Live updates arrive through the server's live hub, which polls every 1.5 s.
export const LIVE_TIMEOUT = 5_000

/** Gives an existing account the admin role, straight in the e2e database. */
export function promoteInDatabase(email: string) {
  const db = openDatabase()
  try {
    expect(db.prepare("UPDATE User SET role = 'admin' WHERE email = ?").run(email).changes).toBe(1)
  } finally {
    db.close()
  }
}

export function userIdOf(email: string): string {
  const db = openDatabase()
  try {
    const row = db.prepare('SELECT id FROM User WHERE email = ?').get(email) as { id: string } | undefined
    if (!row) throw new Error(`no user ${email}`)
    return row.id
  } finally {
    db.close()
  }
}

/** A brand-new admin (signed up, then promoted), signed in on Edge on macOS. */
export async function newAdmin(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await newDevice(browser, devices.edgeMac, options)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page, 'Test Admin')
  promoteInDatabase(email)
  return { context, page, email, id: userIdOf(email) }
}

/** A brand-new user signed in on each of `profiles`, every page open on /devices and live. */
export async function newUserOn(browser: Browser, profiles: DeviceProfile[]) {
  const contexts: BrowserContext[] = []
  const pages: Page[] = []
  let email = ''
  for (const [index, profile] of profiles.entries()) {
    const context = await newDevice(browser, profile)
    contexts.push(context)
    if (index === 0) {
      const page = await context.newPage()
      email = (await signUpFreshUser(page, 'Test Person')).email
      pages.push(page)
    } else {
      pages.push(await signIn(context, email))
    }
  }
  await Promise.all(pages.map((page) => openDevicesLive(page)))
  return { email, id: userIdOf(email), contexts, pages }
}

/** The overlay a page shows, by itself, once its session has ended. */
export async function expectSignedOutOverlay(page: Page, reason: string) {
  const overlay = page.getByRole('alertdialog', { name: 'You are signed out' })
  await expect(overlay).toBeVisible({ timeout: LIVE_TIMEOUT })
  await expect(overlay).toContainText(reason)
}

/** Opens a user's admin page through the user list's search, as an admin would. */
export async function openUserPage(page: Page, email: string) {
  await page.goto('/admin/users')
  await page.getByLabel('Search by email or name').fill(email)
  await page.getByRole('button', { name: 'Show users' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/users\\?q=${encodeURIComponent(email).replace(/\./g, '\\.')}`))
  await page.getByRole('link', { name: email }).click()
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible()
}

/** Clicks an action that opens a confirm dialog, then the dialog's confirm button. */
export async function confirmAction(
  page: Page,
  open: { link: string | RegExp },
  confirm: { dialog: string | RegExp; button: string },
) {
  await page.getByRole('link', { name: open.link, exact: typeof open.link === 'string' }).click()
  const dialog = page.getByRole('dialog', { name: confirm.dialog })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: confirm.button, exact: true }).click()
  return dialog
}

export const closeAll = (contexts: BrowserContext[]) => Promise.all(contexts.map((context) => context.close()))
