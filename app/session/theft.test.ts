import { describe, expect, test } from 'vitest'
import { parseDevice } from './device.ts'
import { sameBrowserFamily } from './theft.ts'

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const IPAD_SAFARI =
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
// What iOS Safari sends after "Request Desktop Website".
const SAFARI_DESKTOP_MODE =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
// What Android Chrome sends after "Desktop site".
const CHROME_DESKTOP_MODE =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

const same = (signedIn: string, seen: string) => sameBrowserFamily(parseDevice(signedIn), parseDevice(seen))

describe('sameBrowserFamily', () => {
  test('"Request Desktop Website" on iOS and iPadOS Safari, and back, is the same browser', () => {
    expect(same(IPHONE_SAFARI, SAFARI_DESKTOP_MODE)).toBe(true)
    expect(same(SAFARI_DESKTOP_MODE, IPHONE_SAFARI)).toBe(true)
    expect(same(IPAD_SAFARI, SAFARI_DESKTOP_MODE)).toBe(true)
  })
  test('"Desktop site" on Android Chrome, and back, is the same browser', () => {
    expect(same(ANDROID_CHROME, CHROME_DESKTOP_MODE)).toBe(true)
    expect(same(CHROME_DESKTOP_MODE, ANDROID_CHROME)).toBe(true)
  })
  test('another browser on the same cookie is not', () => {
    expect(same(ANDROID_CHROME, FIREFOX_LINUX)).toBe(false)
    expect(same(IPHONE_SAFARI, CHROME_WINDOWS)).toBe(false)
    expect(same(CHROME_WINDOWS, CHROME_DESKTOP_MODE)).toBe(false) // Windows → Linux is another machine
    expect(same(IPHONE_SAFARI, ANDROID_CHROME)).toBe(false)
  })
  test('a UA with no family after one with a family is not the same', () => {
    expect(same(CHROME_WINDOWS, '')).toBe(false)
  })
  test('stored older spellings compare equal to the names shown now', () => {
    const seen = parseDevice(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/330.0.661064359 Mobile/15E148 Safari/604.1',
    )
    expect(seen.uaBrowserFamily).toBe('Google app')
    expect(sameBrowserFamily({ uaBrowserFamily: 'GSA', uaOsFamily: 'iOS' }, seen)).toBe(true)
    expect(
      sameBrowserFamily({ uaBrowserFamily: 'Mobile Safari', uaOsFamily: 'Mac OS' }, parseDevice(SAFARI_DESKTOP_MODE)),
    ).toBe(true)
  })
})
