import { expect, test } from '@playwright/test'
import {
  deviceNames,
  deviceRows,
  devices,
  newDevice,
  newDevices,
  signIn,
  signUpFreshUser,
  thisDevice,
} from './support/devices.ts'

test('four browsers signed in as one user each see all four, with their own first as "This device"', async ({
  browser,
}) => {
  const profiles = [devices.chromeWindows, devices.safariIphone, devices.firefoxLinux, devices.edgeMac]
  const contexts = await Promise.all(profiles.map((profile) => newDevice(browser, profile)))
  const first = await contexts[0]!.newPage()
  const { email } = await signUpFreshUser(first)
  const pages = [first]
  for (const context of contexts.slice(1)) pages.push(await signIn(context, email))

  const labels = profiles.map((profile) => profile.label)
  for (const [index, page] of pages.entries()) {
    await page.goto('/devices')
    await expect(page.getByText('4 devices are signed in to your account.')).toBeVisible()
    await expect(deviceRows(page)).toHaveCount(4)
    const names = (await deviceNames(page).allInnerTexts()).map((name) => name.replace(/\s*This device$/, ''))
    expect(names.toSorted()).toEqual(labels.toSorted())
    // The current device comes first and is the only one marked.
    expect(names[0]).toBe(labels[index])
    await expect(deviceRows(page).first().getByText('This device', { exact: true })).toBeVisible()
    await expect(page.getByText('This device', { exact: true })).toHaveCount(1)
    // Every other device can be signed out from here; this one only through "Sign out everywhere".
    for (const label of labels) {
      await expect(page.getByRole('link', { name: `Sign out ${label}`, exact: true })).toHaveCount(
        label === labels[index] ? 0 : 1,
      )
    }
  }
  await Promise.all(contexts.map((context) => context.close()))
})

test('renaming a device shows the new name, clearing it restores the detected one, 61 characters are refused', async ({
  browser,
}) => {
  const context = await newDevice(browser, devices.chromeWindows)
  const page = await context.newPage()
  await signUpFreshUser(page)
  const row = deviceRows(page).first()

  await row.getByLabel('Rename Chrome 131 on Windows 11').click()
  const field = row.getByLabel('Name for this device')
  await field.fill('Work laptop')
  await row.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('status')).toHaveText('Renamed the device to “Work laptop”.')
  await expect(deviceNames(page)).toHaveText([thisDevice('Work laptop')])
  await expect(field).toBeHidden()
  // The detected name stays visible beside the chosen one.
  await expect(row.getByText('Chrome 131 on Windows 11', { exact: true })).toBeVisible()

  await row.getByLabel('Rename Work laptop').click()
  await field.fill('')
  await row.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('status')).toHaveText('The device has its original name again.')
  await expect(deviceNames(page)).toHaveText([thisDevice('Chrome 131 on Windows 11')])

  // The field stops at 60 characters; the server refuses more from a form that does not.
  await row.getByLabel('Rename Chrome 131 on Windows 11').click()
  await expect(field).toHaveAttribute('maxlength', '60')
  await field.evaluate((input) => input.removeAttribute('maxlength'))
  await field.fill('x'.repeat(61))
  await row.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('alert')).toHaveText('Use at most 60 characters.')
  await expect(deviceNames(page)).toHaveText([thisDevice('Chrome 131 on Windows 11')])
  // A refused name stays in the open form, to be shortened.
  await expect(field).toHaveValue('x'.repeat(61))
  await context.close()
})

test('without JavaScript, signing out goes through the confirm page and renaming works', async ({ browser }) => {
  const noScript = await newDevice(browser, devices.firefoxLinux, { javaScriptEnabled: false })
  const other = await newDevice(browser, devices.edgeMac)
  const page = await noScript.newPage()
  const { email } = await signUpFreshUser(page)
  const otherPage = await signIn(other, email)
  await page.goto('/devices')
  await expect(deviceRows(page)).toHaveCount(2)

  await page.getByRole('link', { name: 'Sign out Edge 131 on macOS', exact: true }).click()
  await expect(page).toHaveURL(/\/devices\?confirm=[\w-]+$/)
  const dialog = page.getByRole('dialog', { name: 'Sign out Edge 131 on macOS?' })
  await dialog.getByRole('button', { name: 'Sign out Edge 131 on macOS' }).click()
  await expect(page.getByRole('status')).toHaveText('Signed out Edge 131 on macOS.')
  await expect(dialog).toHaveCount(0)
  await expect(deviceNames(page)).toHaveText([thisDevice('Firefox 133 on Linux')])
  await otherPage.goto('/devices')
  await expect(otherPage).toHaveURL(/\/login\?reason=revoked-by-user/)

  const row = deviceRows(page).first()
  await row.getByLabel('Rename Firefox 133 on Linux').click()
  await row.getByLabel('Name for this device').fill('Home desktop')
  await row.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByRole('status')).toHaveText('Renamed the device to “Home desktop”.')
  await expect(deviceNames(page)).toHaveText([thisDevice('Home desktop')])
  await Promise.all([noScript.close(), other.close()])
})

test("another user's session id, a made-up one and an unknown intent change nothing", async ({ browser, baseURL }) => {
  const [aliceLaptop, alicePhone, bobLaptop] = await newDevices(browser, [
    devices.chromeWindows,
    devices.safariIphone,
    devices.firefoxLinux,
  ])
  const alice = await aliceLaptop.newPage()
  const { email } = await signUpFreshUser(alice, 'Alice')
  const phone = await signIn(alicePhone, email)
  const bob = await bobLaptop.newPage()
  await signUpFreshUser(bob, 'Bob')

  await alice.goto('/devices')
  const href = await alice.getByRole('link', { name: 'Sign out Safari on iPhone', exact: true }).getAttribute('href')
  const alicePhoneId = new URL(href ?? '', baseURL).searchParams.get('confirm')
  expect(alicePhoneId).toMatch(/^[\w-]{10,}$/)

  const post = (form: Record<string, string>) =>
    bob.request.post('/devices', { form, headers: { Origin: baseURL ?? '' }, maxRedirects: 0 })
  const attempts: Array<Record<string, string>> = [
    { intent: 'revoke', sessionId: alicePhoneId ?? '' },
    { intent: 'rename', sessionId: alicePhoneId ?? '', label: 'Stolen' },
    { intent: 'revoke', sessionId: 'made-up-session-id' },
  ]
  for (const form of attempts) {
    const response = await post(form)
    expect(response.status()).toBe(404)
    expect(await response.text()).toContain('No such device')
  }
  expect((await post({ intent: 'delete-account', sessionId: alicePhoneId ?? '' })).status()).toBe(400)

  // Alice's phone is still signed in, under its own name; Bob is too.
  await phone.goto('/devices')
  await expect(phone).toHaveURL(/\/devices$/)
  await expect(deviceNames(phone)).toHaveText([thisDevice('Safari on iPhone'), 'Chrome 131 on Windows 11'])
  await bob.goto('/devices')
  await expect(deviceNames(bob)).toHaveText([thisDevice('Firefox 133 on Linux')])
  await Promise.all([aliceLaptop, alicePhone, bobLaptop].map((context) => context.close()))
})
