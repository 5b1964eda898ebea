import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { closeAll, expectSignedOutOverlay, newAdmin, newUserOn, openUserPage } from './support/admin.ts'
import { devices, newDevice, openDatabase, signIn } from './support/devices.ts'
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

test('the last active administrator can be neither demoted nor disabled: refused up front, and by the server', async ({
  browser,
}, testInfo) => {
  test.skip(!runsAlone(testInfo), 'runs after all other tests (a project with dependencies) or with E2E_ALONE=1')
  const admin = await newAdmin(browser)
  const db = openDatabase()
  const others = db
    .prepare("SELECT id FROM User WHERE role = 'admin' AND disabledAt IS NULL AND id <> ?")
    .all(admin.id) as Array<{ id: string }>
  const setDisabled = db.prepare('UPDATE User SET disabledAt = ? WHERE id = ?')
  const disableOthers = () => {
    for (const other of others) setDisabled.run(new Date().toISOString().replace('Z', '+00:00'), other.id)
  }
  const refusal = `${admin.email} is the last active administrator, so they cannot be demoted or disabled. Make another user an administrator first.`
  try {
    // A page read while another admin could still sign in offers the confirm step; if the
    // other admin goes meanwhile, the server refuses the change (the guard row re-checks).
    await openUserPage(admin.page, admin.email)
    await admin.page.getByRole('link', { name: 'Change role to user' }).click()
    const confirm = admin.page.getByRole('dialog', { name: `Change ${admin.email}’s role to user?` })
    await expect(confirm.getByRole('alert')).toContainText('This is your own account')
    disableOthers()
    const [response] = await Promise.all([
      admin.page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      confirm.getByRole('button', { name: 'Change role to user' }).click(),
    ])
    expect(response.status()).toBe(409)
    await expect(admin.page.getByRole('alert')).toHaveText(refusal)

    // Read now, the page offers neither: both buttons are disabled and say why, before any dialog.
    await admin.page.reload()
    for (const name of ['Change role to user', 'Disable account']) {
      const button = admin.page.getByRole('button', { name })
      await expect(button).toBeDisabled()
      await expect(button).toHaveAccessibleDescription(refusal)
      await expect(admin.page.getByRole('link', { name })).toHaveCount(0)
    }
    for (const step of ['role', 'disable']) {
      await admin.page.goto(`/admin/users/${admin.id}?confirm=${step}`)
      await expect(admin.page.getByRole('heading', { level: 1, name: admin.email })).toBeVisible()
      await expect(admin.page.getByRole('dialog')).toHaveCount(0)
    }
    // A form posted anyway (an old tab, a script) is still refused, and changes nothing.
    const forms: Array<Record<string, string>> = [{ intent: 'disable' }, { intent: 'set-role', role: 'user' }]
    for (const form of forms) {
      const posted = await admin.page.request.post(`/admin/users/${admin.id}`, {
        form,
        headers: { Origin: new URL(admin.page.url()).origin },
        maxRedirects: 0,
      })
      expect(posted.status()).toBe(409)
    }
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
  test.setTimeout(120_000) // five browsers signed in, and the round again without JavaScript
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
  // Done, the card is back at its first step: no phrase left typed, nothing armed.
  await expectDisarmed(admin.page)
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

  // Without JavaScript, the same: the answer is a fresh page at the first step.
  const noScript = await newDevice(browser, devices.firefoxLinux, { javaScriptEnabled: false })
  const plain = await signIn(noScript, admin.email)
  await plain.goto('/admin/sessions?confirm=everyone')
  const plainCard = plain.getByRole('form', { name: 'Sign out everyone' })
  await plainCard.getByLabel('Type SIGN OUT EVERYONE to confirm').fill('SIGN OUT EVERYONE')
  await plainCard.getByRole('button', { name: 'Sign out everyone' }).click()
  await expect(plain.getByRole('status')).toContainText('Signed out everyone:')
  await expectDisarmed(plain)
  await closeAll([admin.context, noScript, ...first.contexts, ...second.contexts])
})

async function expectDisarmed(page: Page) {
  await expect(page).toHaveURL(/\/admin\/sessions(\?job=[\w-]+)?$/) // a long job shows its progress
  await expect(page.getByLabel('Type SIGN OUT EVERYONE to confirm')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Sign out everyone' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Sign out everyone…' })).toBeVisible()
}
