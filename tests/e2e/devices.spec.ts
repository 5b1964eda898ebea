import { expect, test } from '@playwright/test'
import { deviceNames, deviceRows, devices, newDevice, signIn, signUpFreshUser } from './support/devices.ts'

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
