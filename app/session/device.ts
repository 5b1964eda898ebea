import { UAParser } from 'ua-parser-js'
import { brandFromHints, hintValue, unquoteHint, type ClientHints } from './client-hints.ts'

// Pure (no node: imports): the UI uses deviceLabel too.
export { readClientHints, type ClientHints } from './client-hints.ts'

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'other'

/** Exactly the device columns of a Session row, so it can be spread into one. */
export type DeviceInfo = {
  userAgent: string
  browserName: string | null
  browserVersion: string | null
  osName: string | null
  osVersion: string | null
  deviceType: DeviceType
  deviceVendor: string | null
  deviceModel: string | null
  /** From the UA string alone (hints vary between requests), for the theft signal. */
  uaBrowserFamily: string | null
  uaOsFamily: string | null
}

/** Value for the Accept-CH response header (and Critical-CH on the sign-in page). */
export const CLIENT_HINTS_HEADER = 'Sec-CH-UA-Platform-Version, Sec-CH-UA-Model, Sec-CH-UA-Full-Version-List'

const MAX_USER_AGENT_LENGTH = 1024

// ua-parser 1.x spellings → the names we show. Maps, so that "constructor" finds nothing.
const BROWSER_NAMES = new Map([
  ['Mobile Safari', 'Safari'],
  ['Chrome WebView', 'Chrome'],
  ['Mobile Firefox', 'Firefox'],
  ['Firefox Mobile', 'Firefox'],
  ['Samsung Browser', 'Samsung Internet'],
])
// Also the Sec-CH-UA-Platform spellings ("Chrome OS", "macOS", "Windows", …).
const OS_NAMES = new Map([
  ['Mac OS', 'macOS'],
  ['Chrome OS', 'ChromeOS'],
  ['Chromium OS', 'ChromeOS'],
])

const DESKTOP_OS =
  /^(windows|macos|chromeos|linux|[kxl]?ubuntu|debian|(open)?suse|gentoo|arch|slackware|fedora|mandriva|centos|red ?hat|mint|mageia|manjaro|deepin|elementary os|pclinuxos|raspbian|gnu|hurd|[a-z-]*bsd|dragonfly|haiku|(open)?solaris|unix|aix)$/i

const normalize = (names: Map<string, string>, name: string | null | undefined) =>
  name ? (names.get(name) ?? name) : null

/** Never throws, whatever it is given (null, undefined, '', 10 KB of garbage, binary junk, non-string). */
export function parseDevice(userAgent: unknown, hints?: Partial<ClientHints> | null): DeviceInfo {
  const ua = typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : ''
  try {
    return describe(ua, hints ?? {})
  } catch {
    // A device description is never worth failing a sign-in over.
    return unknownDevice(ua)
  }
}

const unknownDevice = (userAgent: string): DeviceInfo => ({
  userAgent,
  browserName: null,
  browserVersion: null,
  osName: null,
  osVersion: null,
  deviceType: 'other',
  deviceVendor: null,
  deviceModel: null,
  uaBrowserFamily: null,
  uaOsFamily: null,
})

function describe(ua: string, hints: Partial<ClientHints>): DeviceInfo {
  // In a browser, ua-parser reads navigator.userAgent when given '': never let it.
  const { browser, os, device, engine } = new UAParser(ua || ' ').getResult()
  const uaBrowser = normalize(BROWSER_NAMES, browser.name)
  const osName = device.model === 'iPad' ? 'iPadOS' : normalize(OS_NAMES, os.name)
  // Only Chromium (Blink) browsers send hints; beside a Firefox or Safari UA they are stray or forged.
  const trusted = engine.name === 'Blink' ? hints : {}
  // The platform hints describe the OS only when they agree with the UA about which OS it is.
  const platform = normalize(OS_NAMES, unquoteHint(trusted.platform))
  const platformTrusted = platform === null || platform === osName
  const platformVersion = platformTrusted ? unquoteHint(trusted.platformVersion) : null

  const brand = brandFromHints(trusted)
  // A bare "Chromium" says less than a UA naming Edge or Opera; real Chrome always lists "Google Chrome".
  const useBrand = brand !== null && (brand.brand !== 'Chromium' || uaBrowser === 'Chrome')
  const browserName = useBrand ? brand.brand : uaBrowser
  const uaVersion = browser.version ?? null
  const browserVersion = useBrand ? (brand.version ?? (brand.brand === uaBrowser ? uaVersion : null)) : uaVersion

  // Chrome's reduced UA says "Android 10; K" whatever the device: both are placeholders.
  const reducedAndroid = osName === 'Android' && device.model === 'K'
  const modelHint = osName === 'Android' && platformTrusted ? unquoteHint(trusted.model) : null
  const deviceModel = modelHint ?? (reducedAndroid ? null : (device.model ?? null))
  const deviceVendor = modelHint ? vendorOfModel(modelHint) : (device.vendor ?? null)

  return {
    userAgent: ua,
    browserName,
    browserVersion,
    osName,
    osVersion: osVersionOf(osName, reducedAndroid ? null : (os.version ?? null), platformVersion),
    deviceType: deviceTypeOf(device.type, osName, ua, osName === 'Android' ? hintValue(trusted.mobile) : null),
    deviceVendor,
    deviceModel,
    uaBrowserFamily: uaBrowser,
    uaOsFamily: osName,
  }
}

function osVersionOf(osName: string | null, uaVersion: string | null, platformVersion: string | null) {
  const hinted = platformVersion && /^\d+(\.\d+)*$/.test(platformVersion) ? platformVersion : null
  switch (osName) {
    case 'Windows': {
      // Every Windows UA says "NT 10.0"; the hint's major is 13+ on Windows 11, 1–12 on 10.
      const major = hinted ? Number.parseInt(hinted, 10) : 0
      return major >= 13 ? '11' : major >= 1 ? '10' : null
    }
    case 'macOS': // frozen at 10_15_7 in the UA
      return hinted ? hinted.replace(/(\.0+)+$/, '') : null
    case 'Android':
      return hinted ? hinted.replace(/(\.0+)+$/, '') : uaVersion
    default:
      // Linux and friends put no useful version in the UA (ChromeOS only a build number).
      return osName && DESKTOP_OS.test(osName) ? null : uaVersion
  }
}

function deviceTypeOf(type: string | undefined, osName: string | null, ua: string, mobile: string | null): DeviceType {
  if (type && type !== 'mobile' && type !== 'tablet') return 'other' // console, smarttv, wearable, embedded
  if (mobile === '?1') return 'mobile'
  if (mobile === '?0') return 'tablet' // only asked on Android, where not-mobile means a tablet
  if (type === 'mobile' || type === 'tablet') return type
  if (osName === 'Android') return /Mobile/.test(ua) ? 'mobile' : 'tablet'
  return osName && DESKTOP_OS.test(osName) ? 'desktop' : 'other'
}

/** The vendor ua-parser knows for a model name ('Pixel 8' → 'Google', 'SM-S918B' → 'Samsung'). */
function vendorOfModel(model: string): string | null {
  const probe = `Mozilla/5.0 (Linux; Android 14; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36`
  return new UAParser(probe).getDevice().vendor ?? null
}

type LabelSource = Pick<DeviceInfo, 'browserName' | 'browserVersion' | 'osName' | 'osVersion' | 'deviceModel'> & {
  // A Session row stores the type as a plain string.
  deviceType: DeviceType | (string & {})
  label?: string | null
}

const nonBlank = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)

/** The one label function. A user-given label (trimmed, non-empty) wins. Never throws. */
export function deviceLabel(device: LabelSource): string {
  try {
    const custom = nonBlank(device.label)
    if (custom) return custom
    // A phone is "Safari on iPhone": its browser version means nothing to the person looking.
    const handheld = device.deviceType === 'mobile' || device.deviceType === 'tablet'
    const browser = nonBlank(device.browserName)
    const major = handheld ? null : (nonBlank(device.browserVersion)?.match(/^\d+/)?.[0] ?? null)
    const os = nonBlank(device.osName)
    const osWithVersion = os && [os, nonBlank(device.osVersion)].filter(Boolean).join(' ')
    const place = handheld ? (nonBlank(device.deviceModel) ?? os) : osWithVersion
    const browserPart = browser && [browser, major].filter(Boolean).join(' ')
    if (browserPart && place) return `${browserPart} on ${place}`
    if (browserPart) return browserPart
    if (place) return `${place} device`
  } catch {
    // Falls through: a label is never worth an error page.
  }
  return 'Unknown device'
}

/** The Session columns deviceLabel reads, for Prisma `select`s. */
export const deviceLabelFields = {
  id: true,
  label: true,
  browserName: true,
  browserVersion: true,
  osName: true,
  osVersion: true,
  deviceType: true,
  deviceModel: true,
} as const
