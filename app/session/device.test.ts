import { describe, expect, test } from 'vitest'
import { CLIENT_HINTS_HEADER, deviceLabel, parseDevice, readClientHints, type ClientHints } from './device.ts'

// Real user agents as sent by current browsers (late 2024).
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const EDGE_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const SAFARI_IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
const CHROME_ANDROID_REDUCED =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
const CHROME_ANDROID_TABLET_REDUCED =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const SAMSUNG_INTERNET =
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36'

const chromeHints = (platformVersion: string): Partial<ClientHints> => ({
  brands: '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
  fullVersionList: '"Google Chrome";v="131.0.6778.86", "Chromium";v="131.0.6778.86", "Not_A Brand";v="24.0.0.0"',
  platform: '"Windows"',
  platformVersion,
  model: '""',
  mobile: '?0',
})

const labelOf = (userAgent: unknown, hints?: Partial<ClientHints> | null) => deviceLabel(parseDevice(userAgent, hints))

describe('parseDevice: desktop', () => {
  test('Chrome on Windows 11: platform version 13 or more means Windows 11', () => {
    const device = parseDevice(CHROME_WINDOWS, chromeHints('"15.0.0"'))
    expect(device).toMatchObject({
      browserName: 'Chrome',
      browserVersion: '131.0.6778.86',
      osName: 'Windows',
      osVersion: '11',
      deviceType: 'desktop',
      deviceModel: null,
    })
    expect(deviceLabel(device)).toBe('Chrome 131 on Windows 11')
  })

  test('Chrome on Windows 10: platform version 1 to 12 means Windows 10', () => {
    expect(parseDevice(CHROME_WINDOWS, chromeHints('"10.0.0"')).osVersion).toBe('10')
    expect(labelOf(CHROME_WINDOWS, chromeHints('"10.0.0"'))).toBe('Chrome 131 on Windows 10')
  })

  test('Chrome on Windows without hints: the UA cannot tell 10 from 11', () => {
    const device = parseDevice(CHROME_WINDOWS)
    expect(device).toMatchObject({ browserName: 'Chrome', browserVersion: '131.0.0.0', osVersion: null })
    expect(deviceLabel(device)).toBe('Chrome 131 on Windows')
  })

  test('Brave: the UA says Chrome, the hints say Brave', () => {
    const hints = {
      ...chromeHints('"15.0.0"'),
      brands: '"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      fullVersionList: '"Brave";v="131.0.0.0", "Chromium";v="131.0.0.0", "Not_A Brand";v="24.0.0.0"',
    }
    const device = parseDevice(CHROME_WINDOWS, hints)
    expect(device).toMatchObject({ browserName: 'Brave', browserVersion: '131.0.0.0', uaBrowserFamily: 'Chrome' })
    expect(deviceLabel(device)).toBe('Brave 131 on Windows 11')
  })

  test('Brave with only the low-entropy brand list still says Brave', () => {
    const hints = { brands: '"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"', platform: '"Windows"' }
    expect(labelOf(CHROME_WINDOWS, hints)).toBe('Brave 131 on Windows')
  })

  test('Edge on macOS: hints name "Microsoft Edge"; the macOS version comes only from the hint', () => {
    const hints = { brands: '"Microsoft Edge";v="131", "Chromium";v="131", "Not_A Brand";v="24"', platform: '"macOS"' }
    const device = parseDevice(EDGE_MAC, hints)
    expect(device).toMatchObject({ browserName: 'Edge', osName: 'macOS', osVersion: null, deviceType: 'desktop' })
    expect(deviceLabel(device)).toBe('Edge 131 on macOS')
    expect(labelOf(EDGE_MAC, { ...hints, platformVersion: '"14.5.0"' })).toBe('Edge 131 on macOS 14.5')
  })

  test('Safari on macOS ignores the frozen 10.15.7 in the UA', () => {
    expect(parseDevice(SAFARI_MAC)).toMatchObject({ browserName: 'Safari', osName: 'macOS', osVersion: null })
    expect(labelOf(SAFARI_MAC)).toBe('Safari 17 on macOS')
  })

  test('Firefox on Linux, no hints', () => {
    const device = parseDevice(FIREFOX_LINUX, null)
    expect(device).toMatchObject({ browserName: 'Firefox', browserVersion: '133.0', osName: 'Linux', osVersion: null })
    expect(device.deviceType).toBe('desktop')
    expect(deviceLabel(device)).toBe('Firefox 133 on Linux')
  })

  test('stray hints beside a Firefox UA are ignored', () => {
    expect(labelOf(FIREFOX_LINUX, chromeHints('"15.0.0"'))).toBe('Firefox 133 on Linux')
  })

  test('a platform hint that contradicts the UA is not trusted', () => {
    const hints = { ...chromeHints('"15.0.0"'), platform: '"macOS"' }
    expect(parseDevice(CHROME_WINDOWS, hints)).toMatchObject({ osName: 'Windows', osVersion: null })
  })

  test('a bare "Chromium" brand does not override a UA that names Edge', () => {
    expect(parseDevice(EDGE_MAC, { brands: '"Chromium";v="131", "Not/A)Brand";v="8"' }).browserName).toBe('Edge')
  })
})

describe('parseDevice: phones and tablets', () => {
  test('Safari on iPhone, with every hint an empty string', () => {
    const empty = { brands: '', fullVersionList: '', platform: '', platformVersion: '', model: '', mobile: '' }
    const device = parseDevice(SAFARI_IPHONE, empty)
    expect(device).toMatchObject({
      browserName: 'Safari',
      browserVersion: '17.5',
      osName: 'iOS',
      osVersion: '17.5',
      deviceType: 'mobile',
      deviceVendor: 'Apple',
      deviceModel: 'iPhone',
    })
    expect(deviceLabel(device)).toBe('Safari on iPhone')
  })

  test('Safari on iPad is a tablet running iPadOS', () => {
    const device = parseDevice(SAFARI_IPAD)
    expect(device).toMatchObject({ osName: 'iPadOS', deviceType: 'tablet', deviceModel: 'iPad' })
    expect(deviceLabel(device)).toBe('Safari on iPad')
  })

  test('Chrome on a Pixel 8: the model and Android version come from the hints', () => {
    const hints = {
      brands: '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      platform: '"Android"',
      platformVersion: '"14.0.0"',
      model: '"Pixel 8"',
      mobile: '?1',
    }
    const device = parseDevice(CHROME_ANDROID_REDUCED, hints)
    expect(device).toMatchObject({
      browserName: 'Chrome',
      osName: 'Android',
      osVersion: '14',
      deviceType: 'mobile',
      deviceVendor: 'Google',
      deviceModel: 'Pixel 8',
    })
    expect(deviceLabel(device)).toBe('Chrome on Pixel 8')
  })

  test('the reduced UA alone: never the placeholder model "K" nor the fake Android 10', () => {
    const device = parseDevice(CHROME_ANDROID_REDUCED)
    expect(device).toMatchObject({ osName: 'Android', osVersion: null, deviceModel: null, deviceType: 'mobile' })
    expect(deviceLabel(device)).toBe('Chrome on Android')
  })

  test('Android tablets: no "Mobile" in the UA, or the mobile hint ?0', () => {
    expect(parseDevice(CHROME_ANDROID_TABLET_REDUCED).deviceType).toBe('tablet')
    expect(parseDevice(CHROME_ANDROID_REDUCED, { platform: '"Android"', mobile: '?0' }).deviceType).toBe('tablet')
  })

  test('Samsung Internet keeps its real model and Android version', () => {
    const device = parseDevice(SAMSUNG_INTERNET)
    expect(device).toMatchObject({
      browserName: 'Samsung Internet',
      osVersion: '14',
      deviceVendor: 'Samsung',
      deviceModel: 'SM-S918B',
    })
    expect(deviceLabel(device)).toBe('Samsung Internet on SM-S918B')
  })
})

describe('parseDevice: UA families ignore hints', () => {
  test('the families come from the UA string alone', () => {
    const brave = { brands: '"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"', platform: '"Windows"' }
    expect(parseDevice(CHROME_WINDOWS, brave)).toMatchObject({ uaBrowserFamily: 'Chrome', uaOsFamily: 'Windows' })
    expect(parseDevice(SAFARI_IPHONE)).toMatchObject({ uaBrowserFamily: 'Safari', uaOsFamily: 'iOS' })
    expect(parseDevice(FIREFOX_LINUX)).toMatchObject({ uaBrowserFamily: 'Firefox', uaOsFamily: 'Linux' })
  })
})

describe('parseDevice: garbage', () => {
  const garbage: unknown[] = [
    '',
    null,
    undefined,
    42,
    {},
    ['a'],
    '\u0000\uffff',
    'x'.repeat(10_000),
    '<script>',
    '\ud800',
  ]

  test.each(garbage.map((input) => [input]))('never throws on %j', (input) => {
    expect(() => parseDevice(input)).not.toThrow()
    expect(() => parseDevice(input, { brands: '"constructor";v="1"', model: '"\u0000"' })).not.toThrow()
    expect(labelOf(input)).toBe('Unknown device')
  })

  test('non-strings become an empty user agent; long ones are cut to 1024 characters', () => {
    expect(parseDevice(42).userAgent).toBe('')
    expect(parseDevice(null).userAgent).toBe('')
    expect(parseDevice('x'.repeat(10_000)).userAgent).toHaveLength(1024)
  })

  test('hints of the wrong type are ignored', () => {
    const junk = { brands: 7, platform: {}, model: [] } as unknown as Partial<ClientHints>
    expect(labelOf(CHROME_WINDOWS, junk)).toBe('Chrome 131 on Windows')
  })
})

describe('readClientHints', () => {
  test('reads the six headers as sent', () => {
    const headers = new Headers({
      'Sec-CH-UA': '"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      'Sec-CH-UA-Full-Version-List': '"Brave";v="131.0.6778.86", "Chromium";v="131.0.6778.86"',
      'Sec-CH-UA-Platform': '"Windows"',
      'Sec-CH-UA-Platform-Version': '"15.0.0"',
      'Sec-CH-UA-Model': '""',
      'Sec-CH-UA-Mobile': '?0',
    })
    expect(readClientHints(headers)).toEqual({
      brands: '"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      fullVersionList: '"Brave";v="131.0.6778.86", "Chromium";v="131.0.6778.86"',
      platform: '"Windows"',
      platformVersion: '"15.0.0"',
      model: '""',
      mobile: '?0',
    })
  })

  test('empty or whitespace-only headers count as absent', () => {
    expect(readClientHints(new Headers({ 'sec-ch-ua-model': '' })).model).toBeNull()
    expect(readClientHints(new Headers({ 'sec-ch-ua-platform': '   ' })).platform).toBeNull()
    expect(readClientHints(new Headers())).toEqual({
      brands: null,
      fullVersionList: null,
      platform: null,
      platformVersion: null,
      model: null,
      mobile: null,
    })
  })

  test('Accept-CH asks for the high-entropy hints we use', () => {
    expect(CLIENT_HINTS_HEADER).toBe('Sec-CH-UA-Platform-Version, Sec-CH-UA-Model, Sec-CH-UA-Full-Version-List')
  })
})

describe('deviceLabel', () => {
  const nothing = {
    browserName: null,
    browserVersion: null,
    osName: null,
    osVersion: null,
    deviceType: 'other',
    deviceModel: null,
  } as const

  test('a user-given label wins, trimmed', () => {
    const device = parseDevice(CHROME_WINDOWS, chromeHints('"15.0.0"'))
    expect(deviceLabel({ ...device, label: '  Work laptop  ' })).toBe('Work laptop')
    expect(deviceLabel({ ...device, label: '   ' })).toBe('Chrome 131 on Windows 11')
    expect(deviceLabel({ ...device, label: null })).toBe('Chrome 131 on Windows 11')
  })

  test('falls back to what is known', () => {
    expect(deviceLabel({ ...nothing, browserName: 'Chrome', browserVersion: '131.0.0.0' })).toBe('Chrome 131')
    expect(deviceLabel({ ...nothing, osName: 'Windows', osVersion: '11', deviceType: 'desktop' })).toBe(
      'Windows 11 device',
    )
    expect(deviceLabel(nothing)).toBe('Unknown device')
  })

  test('never throws, even on input that breaks the types', () => {
    expect(deviceLabel({ ...nothing, deviceType: 'desktop' })).toBe('Unknown device')
    const hostile = { ...nothing, browserName: 42, osName: {}, label: 7 } as unknown as typeof nothing
    expect(deviceLabel(hostile)).toBe('Unknown device')
    expect(() => deviceLabel(null as unknown as typeof nothing)).not.toThrow()
  })

  test('accepts a Session row, whose device type is a plain string', () => {
    const row = {
      ...nothing,
      browserName: 'Safari',
      osName: 'iOS',
      deviceType: 'mobile' as string,
      deviceModel: 'iPhone',
    }
    expect(deviceLabel(row)).toBe('Safari on iPhone')
  })
})
