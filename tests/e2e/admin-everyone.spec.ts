import { expect, test, type TestInfo } from '@playwright/test'
import { closeAll, expectSignedOutOverlay, newAdmin, newUserOn, openUserPage } from './support/admin.ts'
import { devices, openDatabase } from './support/devices.ts'
import { mailTo, waitForMail } from './support/mail.ts'

// These tests touch every account of the shared e2e database: "sign out everyone" ends
// every session, and the last-admin guard needs every other admin disabled for a moment.
// Run in parallel with other files, they would sign those files' browsers out. So they
// run alone: in a Playwright project that depends on the main one (and so starts after
// every other test has finished), or when this file is run by itself with E2E_ALONE=1.
// Elsewhere they are skipped, never left to break other tests.
test.describe.configure({ mode: 'serial' })

function runsAlone(testInfo: TestInfo) {
  return testInfo.project.dependencies.length > 0 || process.env.E2E_ALONE === '1'
}

test('the last active administrator can be neither demoted nor disabled', async ({ browser }, testInfo) => {
  test.skip(!runsAlone(testInfo), 'runs after all other tests (a project with dependencies) or with E2E_ALONE=1')
  const admin = await newAdmin(browser)
  const db = openDatabase()
  const others = db
    .prepare("SELECT id FROM User WHERE role = 'admin' AND disabledAt IS NULL AND id <> ?")
    .all(admin.id) as Array<{ id: string }>
  const setDisabled = db.prepare('UPDATE User SET disabledAt = ? WHERE id = ?')
  for (const other of others) setDisabled.run(new Date().toISOString().replace('Z', '+00:00'), other.id)
  try {
    await openUserPage(admin.page, admin.email)
    for (const [link, dialog, button] of [
      ['Change role to user', `Change ${admin.email}’s role to user?`, 'Change role to user'],
      ['Disable account', `Disable ${admin.email}?`, 'Disable account'],
    ] as const) {
      await admin.page.getByRole('link', { name: link }).click()
      const confirm = admin.page.getByRole('dialog', { name: dialog })
      await expect(confirm.getByRole('alert')).toContainText('This is your own account')
      const [response] = await Promise.all([
        admin.page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        confirm.getByRole('button', { name: button }).click(),
      ])
      expect(response.status()).toBe(409)
      await expect(admin.page.getByRole('alert')).toHaveText(
        `${admin.email} is the last active administrator, so they cannot be demoted or disabled. Make another user an administrator first.`,
      )
    }
    // Nothing changed: still an enabled admin, still signed in.
    await admin.page.goto('/admin')
    await expect(admin.page.getByRole('heading', { level: 1, name: 'Admin overview' })).toBeVisible()
  } finally {
    for (const other of others) setDisabled.run(null, other.id)
    db.close()
  }
  await admin.context.close()
})

test('"Sign out everyone" shows what it will end, wants the phrase typed, and ends every session but the admin’s', async ({
  browser,
}, testInfo) => {
  test.skip(!runsAlone(testInfo), 'runs after all other tests (a project with dependencies) or with E2E_ALONE=1')
  const admin = await newAdmin(browser)
  const first = await newUserOn(browser, [devices.chromeWindows, devices.firefoxLinux])
  const second = await newUserOn(browser, [devices.safariIphone])
  await admin.page.goto('/admin/sessions')
  await admin.page.getByRole('link', { name: 'Sign out everyone…' }).click()
  await expect(admin.page).toHaveURL(/\/admin\/sessions\?confirm=everyone$/)
  const card = admin.page.getByRole('form', { name: 'Sign out everyone' })
  // At least this test's own three sessions (of two users), whatever else is signed in.
  const summary = await admin.page.getByText(/^This ends [\d,]+ active sessions? of [\d,]+ users?/).textContent()
  const [, sessions, users] = /This ends ([\d,]+) active sessions? of ([\d,]+) users?/.exec(summary ?? '') ?? []
  expect(Number(sessions?.replace(/,/g, ''))).toBeGreaterThanOrEqual(3)
  expect(Number(users?.replace(/,/g, ''))).toBeGreaterThanOrEqual(2)

  await card.getByLabel('Type SIGN OUT EVERYONE to confirm').fill('sign out everyone')
  await card.getByRole('button', { name: 'Sign out everyone' }).click()
  await expect(card.getByLabel('Type SIGN OUT EVERYONE to confirm')).toHaveAccessibleDescription(
    /Type SIGN OUT EVERYONE exactly/,
  )
  await expect(first.pages[0]!.getByRole('alertdialog')).toHaveCount(0)

  await card.getByLabel('Type SIGN OUT EVERYONE to confirm').fill('SIGN OUT EVERYONE')
  await card.getByRole('button', { name: 'Sign out everyone' }).click()
  await expect(admin.page.getByRole('status')).toContainText('Signed out everyone:')
  await Promise.all(
    [...first.pages, ...second.pages].map((page) => expectSignedOutOverlay(page, 'An administrator signed you out.')),
  )
  // The admin's own session is the one left.
  await openUserPage(admin.page, admin.email)
  await expect(admin.page.getByRole('heading', { name: 'Active sessions (1)' })).toBeVisible()
  // One mail per person, with their count; none to the admin who ran it.
  await waitForMail(first.email, 'An administrator signed you out of 2 devices')
  await waitForMail(second.email, 'An administrator signed you out of one device')
  expect((await mailTo(first.email)).filter((mail) => mail.subject.startsWith('An administrator'))).toHaveLength(1)
  expect((await mailTo(admin.email)).filter((mail) => mail.subject.startsWith('An administrator'))).toHaveLength(0)
  await closeAll([admin.context, ...first.contexts, ...second.contexts])
})
