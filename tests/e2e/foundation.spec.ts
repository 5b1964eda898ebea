import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { tmpDir } from '../setup/paths.ts'

const screenshotDir = path.join(tmpDir, 'screenshots')

test('GET /healthz answers 200 with status ok', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('application/json')
  expect(await response.json()).toEqual({ status: 'ok' })
})

test('the home page says what Doorman is for and offers to sign in', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1, name: 'Know where you are signed in.' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Sign in', exact: true }).first()).toBeVisible()
})

test('an unknown address shows a 404 page without any stack trace', async ({ page }) => {
  const response = await page.goto('/this/page/does-not-exist')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  const text = await page.locator('body').innerText()
  expect(text).not.toMatch(/\n\s+at /)
  expect(text).not.toMatch(/Error:|\.tsx?:\d+|node_modules/)
})

test('the home page is sent with the security headers', async ({ request }) => {
  const response = await request.get('/')
  const headers = response.headers()
  const csp = headers['content-security-policy'] ?? ''
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBeTruthy()
  expect(headers['permissions-policy']).toBeTruthy()
})

test('a new nonce is used for every page and it matches the scripts', async ({ request }) => {
  const first = await request.get('/')
  const second = await request.get('/')
  const nonceOf = (csp = '') => /'nonce-([^']+)'/.exec(csp)?.[1]
  const nonce = nonceOf(first.headers()['content-security-policy'])
  expect(nonce).toBeTruthy()
  expect(nonceOf(second.headers()['content-security-policy'])).not.toBe(nonce)
  expect(await first.text()).toContain(`nonce="${nonce}"`)
})

test('a cross-site POST is refused with 403 and a plain message', async ({ request }) => {
  const response = await request.post('/logout', {
    form: {},
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(403)
  expect(response.headers()['content-type']).toContain('text/plain')
  const body = await response.text()
  expect(body.length).toBeGreaterThan(0)
  expect(body).not.toContain('<')
})

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`home page screenshot at ${width} px, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 })
      await page.emulateMedia({ colorScheme })
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      fs.mkdirSync(screenshotDir, { recursive: true })
      await page.screenshot({ path: path.join(screenshotDir, `home-${width}-${colorScheme}.png`), fullPage: true })
      if (width === 375) {
        // Nothing may stick out sideways on a small phone.
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(scrollWidth).toBeLessThanOrEqual(375)
      }
    })
  }
}
