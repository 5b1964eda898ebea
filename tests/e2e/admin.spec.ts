import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { tmpDir } from '../setup/paths.ts'
import {
  closeAll,
  confirmAction,
  expectSignedOutOverlay,
  newAdmin,
  newUserOn,
  openUserPage,
  userIdOf,
} from './support/admin.ts'
import {
  devices,
  makeReauthStale,
  newDevice,
  openDatabase,
  password,
  signIn,
  signUpFreshUser,
  type DeviceProfile,
} from './support/devices.ts'
import { linkIn, waitForMail } from './support/mail.ts'

// The admin console, end to end, on the production build. Each test makes its own admin
// and users, so the file runs in parallel with every other; "sign out everyone" and the
// last-admin guard touch every account and live in admin-everyone.spec.ts.

const firefoxBsd: DeviceProfile = {
  label: 'Firefox 133 on FreeBSD',
  userAgent: 'Mozilla/5.0 (X11; FreeBSD amd64; rv:133.0) Gecko/20100101 Firefox/133.0',
  hints: devices.firefoxLinux.hints,
}

test('a non-admin gets 403 on every admin page and every admin POST; a visitor is sent to sign in', async ({
  browser,
  baseURL,
}) => {
  const context = await newDevice(browser, devices.chromeWindows)
  const page = await context.newPage()
  const { email } = await signUpFreshUser(page)
  const userPage = `/admin/users/${userIdOf(email)}`
  for (const url of [
    '/admin',
    '/admin/users',
    userPage,
    '/admin/users/no-such-user',
    '/admin/sessions',
    '/admin/sessions?intent=preview&os=linux',
    '/admin/audit',
  ]) {
    const response = await page.goto(url)
    expect(response?.status(), url).toBe(403)
    await expect(page.getByRole('heading', { level: 1, name: 'You cannot do that' })).toBeVisible()
    await expect(page.getByText('This page is for administrators only.')).toBeVisible()
  }
  expect((await page.request.get('/admin/audit.csv')).status()).toBe(403)

  const posts: Array<[string, Record<string, string>]> = [
    [userPage, { intent: 'revoke-all' }],
    [userPage, { intent: 'set-role', role: 'admin' }],
    [userPage, { intent: 'disable' }],
    ['/admin/sessions', { intent: 'revoke-everyone', confirm: 'SIGN OUT EVERYONE' }],
    ['/admin/sessions', { intent: 'revoke-matching', os: 'linux' }],
    ['/admin/sessions', { intent: 'preview', os: 'linux' }],
    ['/admin', {}],
    ['/admin/users', {}],
    ['/admin/audit', {}],
  ]
  for (const [url, form] of posts) {
    const response = await page.request.post(url, { form, headers: { Origin: baseURL! }, maxRedirects: 0 })
    expect(response.status(), `POST ${url} ${JSON.stringify(form)}`).toBe(403)
  }
  // The CSV export is read-only: a POST is refused for its method before anything else.
  const csvPost = await page.request.post('/admin/audit.csv', { headers: { Origin: baseURL! }, maxRedirects: 0 })
  expect(csvPost.status()).toBe(405)
  expect(csvPost.headers()['allow']).toBe('GET, HEAD')
  // Still a plain user, still signed in: nothing was done.
  await page.goto('/devices')
  await expect(page.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()

  const visitor = await browser.newContext()
  const anonymous = await visitor.newPage()
  await anonymous.goto('/admin/users?role=admin')
  await expect(anonymous).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers%3Frole%3Dadmin$/)
  await closeAll([context, visitor])
})

test('an admin signs out one of two sessions: that tab says so by itself, the other stays signed in', async ({
  browser,
}) => {
  const admin = await newAdmin(browser)
  const user = await newUserOn(browser, [devices.chromeWindows, devices.firefoxLinux])
  const [chromePage, firefoxPage] = user.pages
  await openUserPage(admin.page, user.email)
  await expect(admin.page.getByRole('heading', { name: 'Active sessions (2)' })).toBeVisible()
  // No row is "This device": none of these sessions is the admin's.
  await expect(admin.page.getByText('This device')).toHaveCount(0)

  await confirmAction(
    admin.page,
    { link: 'Sign out Firefox 133 on Linux' },
    { dialog: 'Sign out Firefox 133 on Linux?', button: 'Sign out this session' },
  )
  await expect(admin.page.getByRole('status')).toHaveText('Signed out Firefox 133 on Linux.')
  await expect(admin.page.getByRole('heading', { name: 'Active sessions (1)' })).toBeVisible()
  await expect(admin.page.getByText('Signed out by an administrator')).toBeVisible()

  await expectSignedOutOverlay(firefoxPage!, 'An administrator signed you out.')
  await expect(chromePage!.getByRole('alertdialog')).toHaveCount(0)
  await chromePage!.reload()
  await expect(chromePage!.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  // The user's own activity list tells them what the administrator did.
  await expect(chromePage!.getByRole('region', { name: 'Recent security activity' })).toContainText(
    'An administrator signed out Firefox 133 on Linux',
  )
  await firefoxPage!.goto('/devices')
  await expect(firefoxPage!).toHaveURL(/\/login\?reason=revoked-by-admin/)
  // And a mail says so, naming the device, with the way back in.
  const mail = await waitForMail(user.email, 'An administrator signed you out of Firefox 133 on Linux')
  expect(mail.to).toEqual([user.email])
  expect(new URL(linkIn(mail, '/login')).pathname).toBe('/login')
  await closeAll([admin.context, ...user.contexts])
})

test('"Sign out all sessions" asks for the password when it was not confirmed lately, then ends every session', async ({
  browser,
}) => {
  const admin = await newAdmin(browser)
  const user = await newUserOn(browser, [devices.chromeWindows, devices.safariIphone])
  makeReauthStale(admin.email)
  await openUserPage(admin.page, user.email)
  await admin.page.getByRole('link', { name: 'Sign out all sessions' }).click()
  const dialog = admin.page.getByRole('dialog', { name: `Sign out all of ${user.email}’s sessions?` })
  await dialog.getByLabel('Your password').fill('not my password')
  await dialog.getByRole('button', { name: 'Sign out all sessions' }).click()
  await expect(admin.page.getByRole('alert')).toHaveText('That password is not right.')
  await expect(admin.page.getByRole('heading', { name: 'Active sessions (2)' })).toBeVisible()

  await admin.page.getByRole('link', { name: 'Sign out all sessions' }).click()
  await dialog.getByLabel('Your password').fill(password)
  await dialog.getByRole('button', { name: 'Sign out all sessions' }).click()
  await expect(admin.page.getByRole('status')).toHaveText('Signed out 2 sessions.')
  await expect(admin.page.getByRole('heading', { name: 'Active sessions (0)' })).toBeVisible()
  await Promise.all(user.pages.map((page) => expectSignedOutOverlay(page, 'An administrator signed you out.')))
  await closeAll([admin.context, ...user.contexts])
})

test('disabling a user signs their tab out and refuses their sign-in until enabled again', async ({ browser }) => {
  const admin = await newAdmin(browser)
  const user = await newUserOn(browser, [devices.chromeWindows])
  await openUserPage(admin.page, user.email)
  await confirmAction(
    admin.page,
    { link: 'Disable account' },
    { dialog: `Disable ${user.email}?`, button: 'Disable account' },
  )
  await expect(admin.page.getByRole('status')).toContainText(`Disabled ${user.email} and signed out 1 session.`)
  await expectSignedOutOverlay(user.pages[0]!, 'Your account has been disabled.')

  // The overlay's way on is /login, which says it once (not also in an overlay).
  const disabledMessage = 'Your account has been disabled. Contact an administrator.'
  await user.pages[0]!.getByRole('link', { name: 'Sign in again' }).click()
  await expect(user.pages[0]!).toHaveURL(/\/login\?reason=user-disabled$/)
  await expect(user.pages[0]!.getByText(disabledMessage)).toHaveCount(1)
  await expect(user.pages[0]!.getByRole('alertdialog')).toHaveCount(0)

  // Signing in there anyway: the refusal replaces the notice, still one message.
  const again = user.pages[0]!
  await again.getByLabel('Email').fill(user.email)
  await again.getByLabel('Password').fill(password)
  await again.getByRole('button', { name: 'Sign in' }).click()
  await expect(again.getByRole('alert')).toHaveText('This account is disabled. Contact an administrator.')
  await expect(again.getByText(/disabled/)).toHaveCount(1)
  await expect(again.getByText(disabledMessage)).toHaveCount(0)

  await confirmAction(
    admin.page,
    { link: 'Enable account' },
    { dialog: `Enable ${user.email}?`, button: 'Enable account' },
  )
  await expect(admin.page.getByRole('status')).toHaveText(`Enabled ${user.email}: they can sign in again.`)
  await signIn(user.contexts[0]!, user.email)
  await closeAll([admin.context, ...user.contexts])
})

test('making a user an administrator ends their session; after signing in again they see the console', async ({
  browser,
}) => {
  const admin = await newAdmin(browser)
  const user = await newUserOn(browser, [devices.chromeWindows])
  await openUserPage(admin.page, user.email)
  await confirmAction(
    admin.page,
    { link: 'Make administrator' },
    { dialog: `Change ${user.email}’s role to admin?`, button: 'Make administrator' },
  )
  await expect(admin.page.getByRole('status')).toHaveText(`${user.email} now has the admin role; 1 session signed out.`)
  await expectSignedOutOverlay(user.pages[0]!, 'Your role changed')
  const mail = await waitForMail(user.email, 'Your Doorman role changed to administrator')
  expect(mail.to).toEqual([user.email])
  expect(mail.text).toContain('Every device was signed out')
  expect(new URL(linkIn(mail, '/login')).pathname).toBe('/login')

  const page = await signIn(user.contexts[0]!, user.email)
  await page.getByRole('link', { name: 'Admin', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Admin overview' })).toBeVisible()

  // The audit log has the change, with the admin as actor.
  await admin.page.goto(`/admin/audit?type=role-changed&target=${encodeURIComponent(user.email)}`)
  const row = admin.page.getByRole('region', { name: 'Security events' }).getByRole('row').nth(1)
  // The console speaks as the admin, not in the user's voice.
  await expect(row).toContainText(`An administrator changed ${user.email}’s role to admin`)
  await expect(row.getByRole('link', { name: admin.email })).toBeVisible()
  await closeAll([admin.context, ...user.contexts])
})

test('an admin who signs out their own sessions is warned first, then lands on the sign-in page', async ({
  browser,
}) => {
  const admin = await newAdmin(browser)
  await openUserPage(admin.page, admin.email)
  await admin.page.getByRole('link', { name: 'Sign out all sessions' }).click()
  const dialog = admin.page.getByRole('dialog', { name: `Sign out all of ${admin.email}’s sessions?` })
  await expect(dialog.getByRole('alert')).toHaveText('This is your own account: you will be signed out too.')
  await dialog.getByRole('button', { name: 'Sign out all sessions' }).click()
  await expect(admin.page).toHaveURL(/\/login\?reason=revoked-by-admin$/)
  await expect(admin.page.getByRole('status')).toHaveText('An administrator signed you out.')
  await admin.context.close()
})

test('unknown users and sessions of other users are 404s, and nothing changes', async ({ browser, baseURL }) => {
  const admin = await newAdmin(browser)
  const [user, stranger] = [
    await newUserOn(browser, [devices.chromeWindows]),
    await newUserOn(browser, [devices.firefoxLinux]),
  ]
  const response = await admin.page.goto('/admin/users/no-such-user')
  expect(response?.status()).toBe(404)
  await expect(admin.page.getByText('No such user.')).toBeVisible()

  const db = openDatabase()
  const theirs = (
    db.prepare('SELECT id FROM Session WHERE userId = ? AND endedAt IS NULL').get(stranger.id) as { id: string }
  ).id
  db.close()
  const post = await admin.page.request.post(`/admin/users/${user.id}`, {
    form: { intent: 'revoke', sessionId: theirs },
    headers: { Origin: baseURL! },
  })
  expect(post.status()).toBe(404)
  expect(await post.text()).toContain('No such session')
  await stranger.pages[0]!.reload()
  await expect(stranger.pages[0]!.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()
  await closeAll([admin.context, ...user.contexts, ...stranger.contexts])
})

test('a bulk rule: the preview count is exactly what the sign-out then ends', async ({ browser }) => {
  const admin = await newAdmin(browser)
  const user = await newUserOn(browser, [firefoxBsd, firefoxBsd])
  const bystander = await newUserOn(browser, [devices.firefoxLinux])
  await admin.page.goto('/admin/sessions')
  await admin.page.getByLabel('Operating system').fill('freebsd')
  await admin.page.getByLabel('Browser').fill('FIREFOX')
  await admin.page.getByRole('button', { name: 'Preview' }).click()
  await expect(admin.page).toHaveURL(/intent=preview/)
  const preview = admin.page.getByRole('region', { name: /match$/ })
  await expect(preview.getByRole('heading')).toHaveText('2 sessions of 1 user match')
  await expect(preview.getByRole('row')).toHaveCount(3)
  await expect(preview.getByRole('link', { name: user.email })).toHaveCount(2)

  await preview.getByRole('button', { name: 'Sign out these 2 sessions' }).click()
  await expect(admin.page.getByRole('status')).toHaveText('Signed out 2 sessions of 1 user.')
  await expect(preview.getByRole('heading')).toHaveText('0 sessions of 0 users match')
  await Promise.all(user.pages.map((page) => expectSignedOutOverlay(page, 'An administrator signed you out.')))
  await bystander.pages[0]!.reload()
  await expect(bystander.pages[0]!.getByRole('heading', { level: 1, name: 'Your devices' })).toBeVisible()

  // One event records the whole sign-out, with the rule.
  await admin.page.goto(`/admin/audit?type=admin-revoked-by-rule&actor=${encodeURIComponent(admin.email)}`)
  await expect(admin.page.getByRole('region', { name: 'Security events' }).getByRole('row')).toHaveCount(2)
  await closeAll([admin.context, ...user.contexts, ...bystander.contexts])
})

test('a bad IP range is refused with a clear message and a 400', async ({ browser }) => {
  const admin = await newAdmin(browser)
  for (const [ip, message] of [
    ['300.1.1.1/24', '“300.1.1.1” is not a valid IP address.'],
    ['10.0.0.0/33', '/33 is too long for an IPv4 range: use /0 to /32.'],
    ['abc', '“abc” is not a valid IP address.'],
  ]) {
    const response = await admin.page.goto(`/admin/sessions?intent=preview&ip=${encodeURIComponent(ip!)}`)
    expect(response?.status()).toBe(400)
    await expect(admin.page.getByLabel('IP address or range')).toHaveAccessibleDescription(
      new RegExp(message!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
    )
  }
  await admin.context.close()
})

test('audit days are the reader’s own with JavaScript, UTC days without', async ({ browser }) => {
  // A zone whose date differs from UTC's right now, so that the two readings disagree.
  const timezoneId = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago'
  const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: timezoneId }).format(new Date()) // YYYY-MM-DD
  const admin = await newAdmin(browser, { timezoneId })
  const noScript = await newDevice(browser, devices.firefoxLinux, { javaScriptEnabled: false, timezoneId })
  const plain = await signIn(noScript, admin.email)
  const events = (page: Page) => page.getByRole('region', { name: 'Security events' }).getByRole('row')
  // The admin's own sign-up, a moment ago: today in their zone, not today in UTC.
  for (const [page, zone, found] of [
    [admin.page, timezoneId, true],
    [plain, 'UTC', false],
  ] as const) {
    await page.goto('/admin/audit')
    const from = page.getByLabel('From', { exact: true })
    await expect(from).toHaveAccessibleDescription(`Days in ${zone}`)
    await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(`Days in ${zone}`)
    await page.getByLabel('Target user (email)').fill(admin.email)
    await from.fill(localDay)
    await page.getByLabel('To', { exact: true }).fill(localDay)
    await page.getByRole('button', { name: 'Show events' }).click()
    await expect(page).toHaveURL(found ? /[?&]tz=Pacific%2F/ : /\/admin\/audit\?(?!.*tz=)/)
    if (found) {
      await expect(events(page).nth(1)).toBeVisible() // the header row, then at least one event
      // The zone stays with the filters: the CSV export covers the same days.
      await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /tz=Pacific%2F/)
    } else {
      await expect(page.getByText('No events match these filters.')).toBeVisible()
    }
    await expect(from).toHaveAccessibleDescription(`Days in ${zone}`)
  }
  await closeAll([admin.context, noScript])
})

test('every choice of the users and audit filters fits its box, from 375 to 1280 px', async ({ browser }) => {
  const admin = await newAdmin(browser)
  for (const [url, form] of [
    ['/admin/users', 'Users'],
    ['/admin/audit', 'Audit log'],
  ] as const) {
    for (const width of [375, 640, 1024, 1280]) {
      await admin.page.setViewportSize({ width, height: 900 })
      await admin.page.goto(url)
      for (const select of await admin.page.getByRole('search', { name: form }).getByRole('combobox').all()) {
        // A select of automatic width is as wide as its longest option, arrow and padding included.
        const [shown, needed] = await select.evaluate((element: HTMLSelectElement) => {
          const shown = element.getBoundingClientRect().width
          element.style.width = 'auto'
          const needed = element.getBoundingClientRect().width
          element.style.width = ''
          return [shown, needed]
        })
        expect(shown, `${url} at ${width} px: ${await select.getAttribute('name')}`).toBeGreaterThanOrEqual(needed)
      }
    }
  }
  await admin.context.close()
})

test('the CSV export has a header and the filtered rows, safely escaped', async ({ browser }) => {
  const admin = await newAdmin(browser)
  const user = await newUserOn(browser, [devices.chromeWindows, devices.firefoxLinux])
  await openUserPage(admin.page, user.email)
  await confirmAction(
    admin.page,
    { link: 'Sign out Firefox 133 on Linux' },
    { dialog: 'Sign out Firefox 133 on Linux?', button: 'Sign out this session' },
  )
  await expect(admin.page.getByRole('status')).toHaveText('Signed out Firefox 133 on Linux.')

  await admin.page.goto('/admin/audit')
  await admin.page.getByLabel('Event type').selectOption('session-revoked')
  await admin.page.getByLabel('Target user (email)').fill(user.email)
  await admin.page.getByRole('button', { name: 'Show events' }).click()
  await expect(admin.page.getByRole('region', { name: 'Security events' }).getByRole('row')).toHaveCount(2)
  const [download] = await Promise.all([
    admin.page.waitForEvent('download'),
    admin.page.getByRole('link', { name: 'Export CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^doorman-audit-.*\.csv$/)
  const csv = fs.readFileSync((await download.path())!, 'utf8')
  const lines = csv.trimEnd().split('\r\n')
  expect(lines[0]).toBe(
    'id,time,type,actor_id,actor_email,target_user_id,target_email,session_id,ip,location,device,details',
  )
  expect(lines).toHaveLength(2)
  expect(lines[1]).toContain(`,session-revoked,${admin.id},${admin.email},${user.id},${user.email},`)
  expect(lines[1]).toContain(
    ',Edge 131 on macOS,"{""by"":""admin"",""scope"":""one"",""count"":1,""revoked"":""Firefox 133 on Linux""}"',
  )

  const response = await admin.page.request.get(
    `/admin/audit.csv?target=${encodeURIComponent(user.email)}&type=sign-in`,
  )
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8')
  expect((await response.text()).trimEnd().split('\r\n')).toHaveLength(3)
  await closeAll([admin.context, ...user.contexts])
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every admin page passes axe with no serious or critical violations (${colorScheme})`, async ({ browser }) => {
    test.setTimeout(180_000) // ten pages through axe: about 1.5 min each way on a loaded 2-core machine
    const admin = await newAdmin(browser)
    const user = await newUserOn(browser, [devices.chromeWindows])
    await admin.page.emulateMedia({ colorScheme })
    for (const url of [
      '/admin',
      '/admin/users',
      `/admin/users?q=${encodeURIComponent(user.email)}`,
      `/admin/users/${user.id}`,
      `/admin/users/${user.id}?confirm=revoke-all`,
      '/admin/sessions',
      '/admin/sessions?confirm=everyone',
      '/admin/sessions?intent=preview&os=windows',
      '/admin/sessions?intent=preview&ip=abc',
      '/admin/audit',
    ]) {
      await admin.page.goto(url)
      const results = await new AxeBuilder({ page: admin.page }).analyze()
      const serious = results.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      )
      expect(
        serious.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        ),
        url,
      ).toEqual([])
    }
    await closeAll([admin.context, ...user.contexts])
  })
}

test('the overview renders its counts and charts without JavaScript; screenshots at 1280 and 375 px', async ({
  browser,
}) => {
  const shots = path.join(tmpDir, 'screenshots')
  fs.mkdirSync(shots, { recursive: true })
  const admin = await newAdmin(browser)
  const cookies = await admin.context.cookies()
  for (const [width, colorScheme] of [
    [1280, 'light'],
    [1280, 'dark'],
    [375, 'light'],
  ] as const) {
    // The admin's device (another browser would look like a stolen cookie), without JavaScript.
    const context = await newDevice(browser, devices.edgeMac, {
      javaScriptEnabled: false,
      viewport: { width, height: 900 },
      colorScheme,
    })
    await context.addCookies(cookies)
    const page = await context.newPage()
    await page.goto('/admin')
    await expect(page.getByRole('heading', { level: 1, name: 'Admin overview' })).toBeVisible()
    for (const label of [
      'Active sessions',
      'Users active in the last 24 hours',
      'Sign-ins today',
      'Failed sign-ins today',
    ]) {
      await expect(page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) })).toBeVisible()
    }
    for (const chart of ['Device type', 'Browser', 'Operating system']) {
      await expect(page.getByRole('figure', { name: chart })).toBeVisible()
    }
    await expect(page.getByRole('img', { name: /sign-ins and .* failed sign-ins over the last 14 days/ })).toBeVisible()
    await page.screenshot({ path: path.join(shots, `admin-${width}-${colorScheme}.png`), fullPage: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await context.close()
  }
  await admin.context.close()
})
