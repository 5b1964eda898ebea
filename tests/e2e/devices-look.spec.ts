import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test'
import { tmpDir } from '../setup/paths.ts'
import { deviceRows, devices, newDevice, newDevices, signIn, signUpFreshUser } from './support/devices.ts'

// How the devices page looks and reads: axe-core and screenshots, light and dark, of an
// account with a renamed device, an ended session and some activity.

const screenshotDir = path.join(tmpDir, 'screenshots')
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>
let signedIn: StorageState

test.beforeAll(async ({ browser }) => {
  const [laptop, phone, mac] = await newDevices(browser, [devices.chromeWindows, devices.safariIphone, devices.edgeMac])
  const page = await laptop.newPage()
  const { email } = await signUpFreshUser(page, 'Look Test')
  await signIn(phone, email)
  await signIn(mac, email)
  await page.goto('/devices')
  // A long custom name, the kind that breaks narrow layouts.
  const row = deviceRows(page).filter({ hasText: 'Safari on iPhone' })
  await row.getByLabel('Rename Safari on iPhone').click()
  await row.getByLabel('Name for this device').fill('Grandmother’s extraordinarily long-named iPhone 15 Pro')
  await row.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('status')).toContainText('Renamed the device')
  await page.getByRole('link', { name: 'Sign out Edge 131 on macOS', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out Edge 131 on macOS' }).click()
  await expect(page.getByRole('status')).toHaveText('Signed out Edge 131 on macOS.')
  signedIn = await laptop.storageState()
  await Promise.all([laptop, phone, mac].map((context) => context.close()))
})

async function openAs(browser: Browser, width: number, colorScheme: 'light' | 'dark', url = '/devices') {
  const context = await newDevice(browser, devices.chromeWindows, {
    storageState: signedIn,
    viewport: { width, height: 900 },
    colorScheme,
  })
  const page = await context.newPage()
  await page.goto(url)
  await expect(deviceRows(page)).toHaveCount(2)
  return { context, page }
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

async function expectWithinWidth(locator: Locator, width: number) {
  const box = await locator.boundingBox()
  expect(box).not.toBeNull()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(width)
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations on /devices, ${colorScheme}`, async ({ browser }) => {
    const { context, page } = await openAs(browser, 1280, colorScheme)
    expect(await seriousViolations(page)).toEqual([])
    // The confirm dialog with its password field, and an open rename form.
    await page.goto('/devices?confirm=others')
    await expect(page.getByRole('dialog', { name: 'Sign out all other devices?' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
    await page.goto('/devices')
    await page.getByLabel('Rename Chrome 131 on Windows 11').click()
    await expect(page.getByLabel('Name for this device').first()).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })
}

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`/devices screenshot at ${width} px, ${colorScheme}`, async ({ browser }) => {
      const { context, page } = await openAs(browser, width, colorScheme)
      fs.mkdirSync(screenshotDir, { recursive: true })
      await page.screenshot({ path: path.join(screenshotDir, `devices-${width}-${colorScheme}.png`), fullPage: true })
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(await overflow()).toBeLessThanOrEqual(0)

      // The rename form of the second row, opened, fits across the screen.
      const second = deviceRows(page).nth(1)
      await second.getByLabel(/^Rename /).click()
      await expectWithinWidth(second.getByRole('button', { name: 'Save name' }), width)
      await expectWithinWidth(second.getByLabel('Name for this device'), width)
      await second.screenshot({ path: path.join(screenshotDir, `devices-rename-${width}-${colorScheme}.png`) })
      expect(await overflow()).toBeLessThanOrEqual(0)

      // The confirm dialog fits the screen, buttons included.
      await page.goto('/devices?confirm=others')
      const dialog = page.getByRole('dialog', { name: 'Sign out all other devices?' })
      await expectWithinWidth(dialog, width)
      await expect(dialog.getByRole('button', { name: 'Sign out all other devices' })).toBeInViewport({ ratio: 1 })
      await page.screenshot({ path: path.join(screenshotDir, `devices-dialog-${width}-${colorScheme}.png`) })
      expect(await overflow()).toBeLessThanOrEqual(0)
      await context.close()
    })
  }
}
