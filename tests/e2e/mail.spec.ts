import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { closeAll, expectSignedOutOverlay } from './support/admin.ts'
import {
  deviceRows,
  devices,
  makeReauthStale,
  newDevice,
  openDatabase,
  openDevicesLive,
  password,
  sqliteDate,
} from './support/devices.ts'
import { linkIn, mailTo, waitForMail } from './support/mail.ts'

// Mail, end to end: the e2e server sends to a real SMTP server (tests/e2e/support/mail-sink-setup.ts).
// Each test walks through several pages and mails on a shared, busy machine: give it time.
test.describe.configure({ timeout: 180_000 })
const patient = { timeout: 20_000 }

async function signUpFreshUser(page: Page) {
  const email = `mail-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`
  await page.goto('/signup')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible(patient)
  return { email }
}

async function signIn(context: BrowserContext, email: string, secret = password) {
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(secret)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible(patient)
  return page
}

test('a sign-in from a new device is mailed; its "Not you?" link signs that device out and leads to a new password', async ({
  browser,
}) => {
  const laptop = await newDevice(browser, devices.chromeWindows)
  const laptopPage = await laptop.newPage()
  const { email } = await signUpFreshUser(laptopPage)
  const thief = await newDevice(browser, devices.firefoxLinux)
  const thiefPage = await signIn(thief, email)
  await openDevicesLive(thiefPage)

  const alert = await waitForMail(email, 'New sign-in to your Doorman account: Firefox 133 on Linux')
  expect(alert.text).toContain('Where: Local network (IP 127.0.0.1)')

  // The other device sees the notice; the new device itself does not.
  await openDevicesLive(laptopPage)
  const notice = laptopPage.getByRole('listitem', { name: 'New sign-in: Firefox 133 on Linux' })
  await expect(notice.getByRole('button', { name: 'Yes, it was me' })).toBeVisible()
  await expect(notice.getByRole('button', { name: 'No, secure my account' })).toBeVisible()
  await expect(thiefPage.getByRole('heading', { name: 'New sign-ins: was this you?' })).toHaveCount(0)

  // The mail's link, opened in another browser that is not signed in.
  const phone = await newDevice(browser, devices.safariIphone)
  const phonePage = await phone.newPage()
  await phonePage.goto(linkIn(alert, '/not-me/'))
  await expect(phonePage.getByRole('heading', { name: 'Secure your account' })).toBeVisible()
  await phonePage.getByRole('button', { name: 'Sign out Firefox 133 on Linux and choose a new password' }).click()
  await expectSignedOutOverlay(thiefPage, 'You signed out this device from another device.')
  const note = await waitForMail(email, 'We signed Firefox 133 on Linux out of your Doorman account')
  expect(new URL(linkIn(note, '/forgot-password')).pathname).toBe('/forgot-password')

  await expect(phonePage.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  await phonePage.getByLabel('New password').fill('a much better passphrase')
  await phonePage.getByRole('button', { name: 'Set new password' }).click()
  await expect(phonePage).toHaveURL(/\/login\?reason=password-reset$/, patient)
  await expect(phonePage.getByRole('status')).toContainText('every device was signed out')
  await expectSignedOutOverlay(laptopPage, 'Your password was changed')
  await waitForMail(email, 'Your Doorman password was reset')

  // Only the new sign-in remains.
  const fresh = await signIn(phone, email, 'a much better passphrase')
  await expect(deviceRows(fresh)).toHaveCount(1)
  await closeAll([laptop, thief, phone])
})

test('"Forgot password?" gives the same answer for an unknown email and sends it nothing', async ({ browser }) => {
  const context = await newDevice(browser, devices.chromeWindows)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page)
  await context.clearCookies()
  const unknown = `nobody-${Date.now()}@example.com`

  const answerFor = async (address: string) => {
    await page.goto('/login')
    await page.getByRole('link', { name: 'Forgot password?' }).click()
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
    await page.getByLabel('Email').fill(address)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await expect(page.getByRole('status')).toBeVisible(patient)
    return (await page.getByRole('status').textContent())!.replace(address, 'EMAIL')
  }
  const forUnknown = await answerFor(unknown)
  const forKnown = await answerFor(email)
  expect(forUnknown).toBe(forKnown)
  expect(forKnown).toContain('If an account uses EMAIL')

  const reset = await waitForMail(email, 'Reset your Doorman password')
  expect(reset.to).toEqual([email])
  expect(await mailTo(unknown)).toHaveLength(0)
  await page.goto(linkIn(reset, '/reset-password/'))
  await page.getByLabel('New password').fill('my new passphrase')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page).toHaveURL(/\/login\?reason=password-reset$/, patient)
  await waitForMail(email, 'Your Doorman password was reset')
  await context.close()
})

test('used and expired links are refused with a clear page', async ({ browser }) => {
  const context = await newDevice(browser, devices.chromeWindows)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page)
  await context.clearCookies()
  for (let i = 0; i < 2; i++) {
    await page.goto('/forgot-password')
    await page.getByLabel('Email').fill(email)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await expect(page.getByRole('status')).toBeVisible()
  }
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 15_000 }).toBe(2)
  const [first, second] = (await mailTo(email)).map((mail) => linkIn(mail, '/reset-password/'))

  // Used: set a password with the first link, then open it again.
  await page.goto(first!)
  await page.getByLabel('New password').fill('first new passphrase')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page).toHaveURL(/\/login/, patient)
  const again = await page.goto(first!)
  expect(again!.status()).toBe(410)
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()
  await expect(page.getByText('This link has expired or was already used.')).toBeVisible()

  // The second link was retired by that reset; a fresh one, expired, is refused the same way.
  expect((await page.goto(second!))!.status()).toBe(410)
  await page.goto('/forgot-password')
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Email me a link' }).click()
  await expect.poll(async () => (await mailTo(email)).filter((m) => m.subject.startsWith('Reset')).length).toBe(3)
  const third = linkIn((await mailTo(email)).filter((m) => m.subject.startsWith('Reset'))[2]!, '/reset-password/')
  const db = openDatabase()
  try {
    db.prepare(
      "UPDATE MailToken SET expiresAt = ? WHERE purpose = 'password-reset' AND usedAt IS NULL AND userId = (SELECT id FROM User WHERE email = ?)",
    ).run(sqliteDate(Date.now() - 1000), email)
  } finally {
    db.close()
  }
  expect((await page.goto(third))!.status()).toBe(410)
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()
  await context.close()
})

test('"Yes, it was me" clears the notice; "No, secure my account" signs that device out and asks for a new password', async ({
  browser,
}) => {
  const laptop = await newDevice(browser, devices.chromeWindows)
  const laptopPage = await laptop.newPage()
  const { email } = await signUpFreshUser(laptopPage)
  const mine = await newDevice(browser, devices.edgeMac)
  await signIn(mine, email)
  const stranger = await newDevice(browser, devices.firefoxLinux)
  const strangerPage = await signIn(stranger, email)
  await openDevicesLive(strangerPage)

  await laptopPage.goto('/devices')
  const edge = laptopPage.getByRole('listitem', { name: 'New sign-in: Edge 131 on macOS' })
  await edge.getByRole('button', { name: 'Yes, it was me' }).click()
  await expect(edge).toHaveCount(0)
  const firefox = laptopPage.getByRole('listitem', { name: 'New sign-in: Firefox 133 on Linux' })
  await firefox.getByRole('button', { name: 'No, secure my account' }).click()
  await expect(laptopPage).toHaveURL(/\/account\?secure=1/, patient)
  await expect(laptopPage.getByRole('status')).toContainText('We signed that device out')
  await expectSignedOutOverlay(strangerPage, 'You signed out this device from another device.')
  await closeAll([laptop, mine, stranger])
})

test('changing the email needs the password first (sudo mode); then a link to the new address, a notice to the old one, then the change', async ({
  browser,
}) => {
  const context = await newDevice(browser, devices.chromeWindows)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page)
  const newEmail = `moved-${Date.now()}@example.com`
  await page.goto('/account')
  await page.getByLabel('Name', { exact: true }).fill('Renamed Person')
  await page.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByText('Your name is now Renamed Person.')).toBeVisible()

  // The password was confirmed at sign-up; an hour later the form asks for it again.
  makeReauthStale(email)
  await page.goto('/account')
  await page.getByLabel('New email address').fill(newEmail)
  await page.getByLabel('Your password').fill('not my password')
  await page.getByRole('button', { name: 'Send confirmation link' }).click()
  await expect(page.getByText('That password is not right.')).toBeVisible(patient)
  expect(await mailTo(newEmail)).toHaveLength(0)
  await page.getByLabel('New email address').fill(newEmail)
  await page.getByLabel('Your password').fill(password)
  await page.getByRole('button', { name: 'Send confirmation link' }).click()
  await expect(page.getByText(`We sent a confirmation link to ${newEmail}`)).toBeVisible(patient)
  const notice = await waitForMail(email, 'Your Doorman email address is about to change')
  expect(notice.to).toEqual([email])
  expect(notice.text).toContain(newEmail)
  const confirm = await waitForMail(newEmail, 'Confirm your new email address for Doorman')
  expect(confirm.to).toEqual([newEmail])
  const link = linkIn(confirm, '/confirm-email/')
  expect(link).toMatch(/^http:\/\/localhost:\d+\/confirm-email\/[\w-]{43}$/)
  await page.goto(link)
  await page.getByRole('button', { name: `Use ${newEmail}` }).click()
  await expect(page).toHaveURL(/\/account\?email-changed=1/, patient)
  await expect(page.getByRole('definition').filter({ hasText: newEmail })).toBeVisible()
  const changed = await waitForMail(email, 'Your Doorman email address was changed')
  expect(changed.text).toContain(newEmail)
  // The link worked once.
  expect((await page.goto(link))!.status()).toBe(410)
  await context.close()
})

test('alert choices: with new-sign-in emails off, the notice still shows on Your devices but no mail comes', async ({
  browser,
}) => {
  const laptop = await newDevice(browser, devices.chromeWindows)
  const laptopPage = await laptop.newPage()
  const { email } = await signUpFreshUser(laptopPage)
  await laptopPage.goto('/account')
  await laptopPage.getByRole('checkbox', { name: 'A sign-in from a new browser or place' }).uncheck()
  await laptopPage.getByRole('button', { name: 'Save alert choices' }).click()
  await expect(laptopPage.getByText('Your email alert choices are saved.')).toBeVisible(patient)

  const other = await newDevice(browser, devices.firefoxLinux)
  await signIn(other, email)
  await laptopPage.goto('/devices')
  await expect(laptopPage.getByRole('listitem', { name: 'New sign-in: Firefox 133 on Linux' })).toBeVisible()

  // Mail goes out in the order it was queued: once a later one has arrived, an alert would have too.
  const stranger = await newDevice(browser, devices.safariIphone)
  const page = await stranger.newPage()
  await page.goto('/forgot-password')
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Email me a link' }).click()
  await waitForMail(email, 'Reset your Doorman password')
  expect((await mailTo(email)).map((mail) => mail.subject)).toEqual(['Reset your Doorman password'])
  await closeAll([laptop, other, stranger])
})
