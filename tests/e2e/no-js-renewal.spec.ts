import { expect, test, type Browser } from '@playwright/test'
import { promoteInDatabase, userIdOf } from './support/admin.ts'
import { devices, makeReauthStale, newDevice, password, signIn, signUpFreshUser } from './support/devices.ts'

// Without JavaScript, an action that renews the session's token (a password change, or
// a password typed into a confirm step) must leave the person signed in on the new token:
// it answers with a redirect carrying the new cookie, and the page it leads to says what
// happened (docs/decisions/007-unit-of-work.md).

// Several sign-ups, sign-ins and Argon2 hashes per test on a shared machine.
test.describe.configure({ timeout: 120_000 })

const noScript = (browser: Browser) => newDevice(browser, devices.chromeWindows, { javaScriptEnabled: false })

test('changing the password without JavaScript keeps this device signed in', async ({ browser }) => {
  const context = await noScript(browser)
  const page = await context.newPage()
  await signUpFreshUser(page)
  await page.goto('/account')
  await page.getByLabel('Current password').fill(password)
  await page.getByLabel('New password').fill('a renewed secret 1')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByText('Password changed.')).toBeVisible()
  await page.goto('/devices')
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  // The message shows once.
  await page.goto('/account')
  await expect(page.getByText('Password changed.')).toHaveCount(0)
  await context.close()
})

test('the inline password on /devices without JavaScript signs the others out and keeps this one in', async ({
  browser,
}) => {
  const context = await noScript(browser)
  const other = await newDevice(browser, devices.firefoxLinux)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page)
  await signIn(other, email)
  makeReauthStale(email)
  await page.goto('/devices?confirm=others')
  const dialog = page.getByRole('dialog', { name: 'Sign out all other devices?' })
  await dialog.getByLabel('Your password').fill(password)
  await dialog.getByRole('button', { name: 'Sign out all other devices' }).click()
  await expect(page).toHaveURL(/\/devices$/)
  await expect(page.getByText('Signed out 1 other device.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  await Promise.all([context.close(), other.close()])
})

test('an admin action confirmed with the inline password without JavaScript keeps the admin signed in', async ({
  browser,
}) => {
  const adminContext = await noScript(browser)
  const userContext = await newDevice(browser, devices.safariIphone)
  const adminPage = await adminContext.newPage()
  const admin = await signUpFreshUser(adminPage, 'No-Script Admin')
  promoteInDatabase(admin.email)
  const user = await signUpFreshUser(await userContext.newPage())
  makeReauthStale(admin.email)
  await adminPage.goto(`/admin/users/${userIdOf(user.email)}?confirm=revoke-all`)
  const dialog = adminPage.getByRole('dialog', { name: `Sign out all of ${user.email}’s sessions?` })
  await dialog.getByLabel('Your password').fill(password)
  await dialog.getByRole('button', { name: 'Sign out all sessions' }).click()
  await expect(adminPage.getByText('Signed out 1 session.')).toBeVisible()
  await expect(adminPage.getByRole('heading', { level: 1, name: user.email })).toBeVisible()
  await adminPage.goto('/admin')
  await expect(adminPage).toHaveURL(/\/admin$/)
  await Promise.all([adminContext.close(), userContext.close()])
})
