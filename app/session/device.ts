import { UAParser } from 'ua-parser-js'
import { brandFromHints, GENERIC_BRANDS, hintValue, unquoteHint, type ClientHints } from './client-hints.ts'
import { deviceTypeOf, osVersionOf, type DeviceType } from './device-os.ts'
import { cleanText } from './device-text.ts'

// Pure (no node: imports): the UI uses deviceLabel too.
export { readClientHints, type ClientHints } from './client-hints.ts'
export type { DeviceType } from './device-os.ts'

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
// Old spellings stay here when a name changes, so stored families still compare equal.
export const BROWSER_NAMES = new Map([
  ['Mobile Safari', 'Safari'],
  ['Chrome WebView', 'Chrome'],
  ['Mobile Firefox', 'Firefox'],
  ['Firefox Mobile', 'Firefox'],
  ['Samsung Browser', 'Samsung Internet'],
  ['GSA', 'Google app'],
])
// Also the Sec-CH-UA-Platform spellings ("Chrome OS", "macOS", "Windows", …).
export const OS_NAMES = new Map([
  ['Mac OS', 'macOS'],
  ['Chrome OS', 'ChromeOS'],
  ['Chromium OS', 'ChromeOS'],
])

export const normalizeName = (names: Map<string, string>, name: string | null | undefined) =>
  name ? (names.get(name) ?? name) : null

/**
 * Never throws, whatever it is given (null, undefined, '', 10 KB of garbage, binary junk, non-string).
 * `touchPoints` is navigator.maxTouchPoints as the sign-in form reported it (an iPad asking for
 * desktop sites sends a Mac UA; a Mac has no touch screen).
 */
export function parseDevice(
  userAgent: unknown,
  hints?: Partial<ClientHints> | null,
  touchPoints?: number | null,
): DeviceInfo {
  const ua = typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : ''
  try {
    return clean(describe(ua, hints ?? {}, touchPoints ?? 0))
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

// Everything shown comes from headers anyone can set (a 500-character Sec-CH-UA-Model, bidi overrides…).
const clean = (device: DeviceInfo): DeviceInfo => ({
  ...device,
  browserName: cleanText(device.browserName),
  browserVersion: cleanText(device.browserVersion, 24),
  osName: cleanText(device.osName),
  osVersion: cleanText(device.osVersion, 24),
  deviceVendor: cleanText(device.deviceVendor, 24),
  deviceModel: cleanText(device.deviceModel),
})

function describe(ua: string, hints: Partial<ClientHints>, touchPoints: number): DeviceInfo {
  // In a browser, ua-parser reads navigator.userAgent when given '': never let it.
  const { browser, os, device, engine } = new UAParser(ua || ' ').getResult()
  const uaBrowser = normalizeName(BROWSER_NAMES, browser.name)
  const uaOs = device.model === 'iPad' ? 'iPadOS' : normalizeName(OS_NAMES, os.name)
  // Only Chromium (Blink) browsers send hints; beside a Firefox or Safari UA they are stray or forged.
  const trusted = engine.name === 'Blink' ? hints : {}
  // The platform hints describe the OS only when they agree with the UA about which OS it is.
  const platform = normalizeName(OS_NAMES, unquoteHint(trusted.platform))
  const platformTrusted = platform === null || platform === uaOs
  const platformVersion = platformTrusted ? unquoteHint(trusted.platformVersion) : null

  const brand = brandFromHints(trusted)
  // "Chromium" or "Android WebView" say less than a UA naming Edge or Opera; real Chrome lists "Google Chrome".
  const useBrand = brand !== null && (!GENERIC_BRANDS.has(brand.brand) || uaBrowser === 'Chrome')
  const browserName = useBrand ? brand.brand : uaBrowser
  const uaVersion = browser.version ?? null
  const browserVersion = useBrand ? (brand.version ?? (brand.brand === uaBrowser ? uaVersion : null)) : uaVersion

  // Chrome's reduced UA says "Android 10; K" whatever the device: both are placeholders.
  const reducedAndroid = uaOs === 'Android' && device.model === 'K'
  const modelHint = uaOs === 'Android' && platformTrusted ? unquoteHint(trusted.model) : null
  const deviceModel = modelHint ?? (reducedAndroid ? null : (device.model ?? null))
  const deviceVendor = modelHint ? vendorOfModel(modelHint) : (device.vendor ?? null)
  const mobileHint = uaOs === 'Android' ? hintValue(trusted.mobile) : null

  const described: DeviceInfo = {
    userAgent: ua,
    browserName,
    browserVersion,
    osName: uaOs,
    osVersion: osVersionOf(uaOs, reducedAndroid ? null : (os.version ?? null), platformVersion),
    deviceType: deviceTypeOf(device.type, uaOs, ua, mobileHint),
    deviceVendor,
    deviceModel,
    uaBrowserFamily: uaBrowser,
    uaOsFamily: uaOs,
  }
  // iPadOS in desktop mode: a Mac UA from a WebKit browser with a touch screen.
  const desktopIpad = uaOs === 'macOS' && engine.name === 'WebKit' && touchPoints > 1
  return desktopIpad
    ? {
        ...described,
        osName: 'iPadOS',
        osVersion: null,
        deviceType: 'tablet',
        deviceVendor: 'Apple',
        deviceModel: 'iPad',
      }
    : described
}

/** The vendor ua-parser knows for a model name ('Pixel 8' → 'Google', 'SM-S918B' → 'Samsung'). */
function vendorOfModel(model: string): string | null {
  const probe = `Mozilla/5.0 (Linux; Android 14; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36`
  return new UAParser(probe).getDevice().vendor ?? null
}

type LabelSource = Pick<DeviceInfo, 'browserName' | 'browserVersion' | 'osName' | 'osVersion' | 'deviceModel'> & {
  deviceVendor?: string | null
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
    const place = handheld ? (modelName(device.deviceVendor, device.deviceModel) ?? os) : osWithVersion
    const browserPart = browser && [browser, major].filter(Boolean).join(' ')
    if (browserPart && place) return `${browserPart} on ${place}`
    if (browserPart) return browserPart
    if (place) return `${place} device`
  } catch {
    // Falls through: a label is never worth an error page.
  }
  return 'Unknown device'
}

// A bare number ("7.2") or a model that does not name its maker gets the vendor: "Nokia 7.2".
function modelName(vendor: unknown, model: unknown) {
  const name = nonBlank(model)
  const maker = nonBlank(vendor)
  if (!name || !maker || !/^[\d.\s]+$/.test(name)) return name
  return `${maker} ${name}`
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
  deviceVendor: true,
  deviceModel: true,
} as const
