import { describe, expect, test } from 'vitest'
import { deviceLabel, parseDevice, type ClientHints } from './device.ts'

const CHROME_WIN = (nt: string) =>
  `Mozilla/5.0 (Windows NT ${nt}; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36`
const winHints = (platformVersion: string): Partial<ClientHints> => ({
  brands: '"Google Chrome";v="109", "Chromium";v="109", "Not_A Brand";v="24"',
  platform: '"Windows"',
  platformVersion: `"${platformVersion}"`,
})
const labelOf = (ua: string, hints?: Partial<ClientHints> | null, touchPoints?: number) =>
  deviceLabel(parseDevice(ua, hints, touchPoints))

describe('Windows before 10', () => {
  test.each([
    ['0.1.0', '7'],
    ['0.2.0', '8'],
    ['0.3.0', '8.1'],
    ['10.0.0', '10'],
    ['15.0.0', '11'],
  ])('Sec-CH-UA-Platform-Version %s is Windows %s', (hint, windows) => {
    expect(parseDevice(CHROME_WIN('10.0'), winHints(hint)).osVersion).toBe(windows)
  })
  test.each([
    ['6.1', 'Windows 7'],
    ['6.2', 'Windows 8'],
    ['6.3', 'Windows 8.1'],
    ['10.0', 'Windows'], // 10 or 11: only the hints can tell
  ])('a UA saying NT %s is %s', (nt, label) => {
    expect(labelOf(CHROME_WIN(nt))).toBe(`Chrome 109 on ${label}`)
  })
})

describe('macOS version', () => {
  test('a version the UA states is shown', () => {
    const ua =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.2 Safari/605.1.15'
    expect(labelOf(ua)).toBe('Safari 13 on macOS 10.13')
  })
  test.each([
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0',
  ])('the frozen 10.15(.7) is not a version: %s', (ua) => {
    expect(parseDevice(ua).osVersion).toBeNull()
  })
})

describe('brands', () => {
  const OPERA =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/98.0.4758.82 Safari/537.36 OPR/84.0.4316.21'
  test("Opera's full version list names the Chromium build: the Sec-CH-UA major wins", () => {
    const hints = {
      brands: '" Not A;Brand";v="99", "Chromium";v="98", "Opera";v="84"',
      fullVersionList: '" Not A;Brand";v="99.0.0.0", "Chromium";v="98.0.4758.82", "Opera";v="98.0.4758.82"',
      platform: '"Windows"',
    }
    expect(parseDevice(OPERA, hints)).toMatchObject({ browserName: 'Opera', browserVersion: '84' })
  })
  test('the full version is used when it agrees with Sec-CH-UA', () => {
    const hints = {
      brands: '"Opera";v="116", "Chromium";v="131", "Not_A Brand";v="24"',
      fullVersionList: '"Opera";v="116.0.5366.21", "Chromium";v="131.0.6778.86", "Not_A Brand";v="24.0.0.0"',
    }
    expect(parseDevice(OPERA, hints).browserVersion).toBe('116.0.5366.21')
  })
  test('"Android WebView" is generic like Chromium: the real brand is found behind it', () => {
    const ua =
      'Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
    const hints = { brands: '"Android WebView";v="131", "DuckDuckGo";v="5", "Chromium";v="131", "Not_A Brand";v="24"' }
    expect(parseDevice(ua, hints).browserName).toBe('DuckDuckGo')
  })
  test('GSA is the Google app', () => {
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/330.0.661064359 Mobile/15E148 Safari/604.1'
    expect(labelOf(ua)).toBe('Google app on iPhone')
  })
})

describe('models', () => {
  const ANDROID =
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
  test('a bare numeric model gets its vendor', () => {
    const ua =
      'Mozilla/5.0 (Linux; Android 11; Nokia 7.2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
    expect(labelOf(ua)).toBe('Chrome on Nokia 7.2')
  })
  test('a 500-character model is capped', () => {
    const device = parseDevice(ANDROID, { model: `"${'A'.repeat(500)}"`, mobile: '?1', platform: '"Android"' })
    expect(Array.from(device.deviceModel ?? '').length).toBeLessThanOrEqual(40)
    expect(device.deviceModel).toMatch(/…$/)
  })
  test('control characters and bidi overrides are removed', () => {
    const device = parseDevice(ANDROID, { model: '"Pixel\u202E 8\u0007\u2066x"', mobile: '?1' })
    expect(device.deviceModel).toBe('Pixel 8 x')
    expect(deviceLabel(device)).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  })
})

describe('device types', () => {
  test.each([
    ['Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; IEMobile 7.11)', 'mobile'],
    [
      'Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.14977',
      'mobile',
    ],
    [
      'Mozilla/5.0 (Linux; Android 9; AFTS Build/PS7233) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'tv',
    ],
    [
      'Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.47 Safari/537.36 CrKey/1.36.159268',
      'tv',
    ],
    [
      'Opera/9.80 (Linux armv7l; HbbTV/1.1.1 (; Philips; ; ; PHILIPSTV; ) CE-HTML/1.0 NETTV/4.3.1) Presto/2.12.362 Version/12.11',
      'tv',
    ],
    [
      'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Safari/537.36 SmartTV',
      'tv',
    ],
  ])('%s is %s', (ua, type) => {
    expect(parseDevice(ua, { mobile: '?0' }).deviceType).toBe(type)
  })
  test('a Chromebook is ChromeOS, a desktop', () => {
    const ua =
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
    expect(parseDevice(ua)).toMatchObject({ osName: 'ChromeOS', osVersion: null, deviceType: 'desktop' })
  })
})

describe('iPad in desktop mode', () => {
  const DESKTOP_IPAD =
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
  test('with touch points reported, it is an iPad; its UA family stays macOS for the theft check', () => {
    const device = parseDevice(DESKTOP_IPAD, null, 5)
    expect(device).toMatchObject({ osName: 'iPadOS', deviceType: 'tablet', deviceModel: 'iPad', uaOsFamily: 'macOS' })
    expect(deviceLabel(device)).toBe('Safari on iPad')
  })
  test('without JavaScript (no touch points) it stays macOS', () => {
    expect(labelOf(DESKTOP_IPAD)).toBe('Safari 17 on macOS')
    expect(labelOf(DESKTOP_IPAD, null, 0)).toBe('Safari 17 on macOS')
  })
  test('a Chrome on a Mac is never an iPad', () => {
    const chromeMac =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
    expect(parseDevice(chromeMac, null, 5).osName).toBe('macOS')
  })
})
