import { expect, test } from '@playwright/test'
import { Client, signUp } from './support/http.ts'

// The theft signal over real HTTP: a browser's own desktop mode is not a stolen cookie.
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const SAFARI_DESKTOP_MODE =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
const CHROME_DESKTOP_MODE =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'

for (const [name, mobile, desktop] of [
  ['"Request Desktop Website" on iOS Safari', IPHONE_SAFARI, SAFARI_DESKTOP_MODE],
  ['"Desktop site" on Android Chrome', ANDROID_CHROME, CHROME_DESKTOP_MODE],
] as const) {
  test(`${name} keeps the session, with both modes in parallel`, async () => {
    const client = new Client(mobile)
    await signUp(client)
    const modes = [desktop, mobile, desktop, mobile, desktop, mobile]
    const responses = await Promise.all(modes.map((ua) => client.get('/devices', { 'User-Agent': ua })))
    expect(responses.map((response) => response.status)).toEqual(modes.map(() => 200))
    expect((await client.get('/devices')).status).toBe(200)
  })
}

test('another browser on the same cookie still ends the session as suspected theft', async () => {
  const client = new Client(ANDROID_CHROME)
  await signUp(client)
  const stolen = await client.get('/devices', { 'User-Agent': FIREFOX_LINUX })
  expect(stolen.status).toBe(302)
  expect(stolen.headers.get('location')).toMatch(/reason=suspected-theft/)
})
