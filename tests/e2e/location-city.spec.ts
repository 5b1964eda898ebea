import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { startBuiltServer, type Running } from '../integration/support/server-process.ts'
import { testCityNetworks, writeMmdb } from '../support/mmdb-writer.ts'
import { deviceRows, devices, newDevice, signIn, signUpFreshUser } from './support/devices.ts'

// The city path for real: a server of its own whose GEOIP_DATABASE is a small city
// database made here (tests/support/mmdb-writer.ts), read by the real `maxmind` reader,
// and TRUST_PROXY=1 so that each browser says where it is through X-Forwarded-For (a
// proxy's job). One touch interval of a second lets a move show at once.
// E2E_CITY_PORT moves it for a second run on the same machine.
const port = Number(process.env.E2E_CITY_PORT ?? 4990)
test.describe.configure({ mode: 'serial' })

let server: Running
let dir: string

test.beforeAll(async () => {
  test.setTimeout(180_000) // migrating a new database on a busy machine
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-city-'))
  const database = path.join(dir, 'test-city.mmdb')
  fs.writeFileSync(database, writeMmdb(testCityNetworks))
  server = await startBuiltServer(port, {
    dir,
    env: {
      GEOIP_DATABASE: database,
      TRUST_PROXY: '1',
      SEED_DEMO_DATA: 'false',
      SESSION_TOUCH_INTERVAL: '1s',
      MAIL_OUTBOX: path.join(dir, 'outbox'),
    },
  })
})

test.afterAll(async () => {
  await server?.stop()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const at = (ip: string) => ({ ...devices.chromeWindows.hints, 'X-Forwarded-For': ip })

test('a sign-in from a mapped address shows its city and country; a session that moved says both', async ({
  browser,
}) => {
  const berlin = await newDevice(browser, devices.chromeWindows, {
    baseURL: server.base,
    extraHTTPHeaders: at('5.9.1.2'),
  })
  const paris = await newDevice(browser, devices.chromeWindows, {
    baseURL: server.base,
    extraHTTPHeaders: at('212.27.48.10'),
  })
  const page = await berlin.newPage()
  const { email } = await signUpFreshUser(page)
  await expect(deviceRows(page).first()).toContainText('Berlin, Germany')
  await signIn(paris, email)

  // Two devices of one name: told apart by place, on screen and in their accessible names.
  await page.reload()
  const [mine, other] = [deviceRows(page).nth(0), deviceRows(page).nth(1)]
  await expect(mine).toContainText('Berlin, Germany')
  await expect(other).toContainText('Paris, France')
  await expect(page.getByRole('link', { name: /^Sign out Chrome 131 on Windows 11, Paris, signed in / })).toBeVisible()

  // The Berlin laptop is now on an address in a country without a city in the data.
  await berlin.setExtraHTTPHeaders(at('8.8.8.8'))
  await page.waitForTimeout(1_100) // one touch interval: the next request records the new address
  await expect(async () => {
    await page.reload()
    await expect(mine).toContainText('signed in from Berlin, Germany, now United States', { timeout: 1_000 })
  }).toPass({ timeout: 10_000 })
  await mine.getByText('Details').click()
  await expect(mine.getByRole('definition').filter({ hasText: '5.9.1.2' })).toHaveText('5.9.1.2 (Berlin, Germany)')
  await expect(mine.getByRole('definition').filter({ hasText: '8.8.8.8' })).toHaveText('8.8.8.8 (United States)')
  await Promise.all([berlin.close(), paris.close()])
})
