// OS version and device type: the parts of a device description that need more than
// ua-parser's answer (client hints, frozen UA tokens, TV and phone markers).

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'tv' | 'other'

export const DESKTOP_OS =
  /^(windows|macos|chromeos|linux|[kxl]?ubuntu|debian|(open)?suse|gentoo|arch|slackware|fedora|mandriva|centos|red ?hat|mint|mageia|manjaro|deepin|elementary os|pclinuxos|raspbian|gnu|hurd|[a-z-]*bsd|dragonfly|haiku|(open)?solaris|unix|aix)$/i

// TVs, set-top boxes and streaming sticks say so in the UA; ua-parser misses many (and calls
// some Android ones tablets).
const TV =
  /\b(HbbTV|CrKey|AFT[A-Z]\w*|Smart-?TV|SMART-TV|GoogleTV|Android ?TV|AppleTV|Web0S|NetCast|BRAVIA|Roku|Tizen[^;)]*TV|TV Safari|DTV)\b/i
const WINDOWS_HANDHELD = /Windows (CE|Phone|Mobile)|IEMobile|Windows Phone/

// Sec-CH-UA-Platform-Version on Windows: "0.1.0" 7, "0.2.0" 8, "0.3.0" 8.1, 1–12 Windows 10, 13+ Windows 11.
function windowsFromHint(hint: string): string | null {
  const [major = 0, minor = 0] = hint.split('.').map(Number)
  if (major >= 13) return '11'
  if (major >= 1) return '10'
  return ({ 1: '7', 2: '8', 3: '8.1' } as Record<number, string>)[minor] ?? null
}

// Safari, Chrome and Firefox on every Mac since 2020 say 10.15.7 (or 10.15): it means "10.15 or later".
const FROZEN_MAC = /^10\.15(\.7)?$/

export function osVersionOf(osName: string | null, uaVersion: string | null, platformVersion: string | null) {
  const hinted = platformVersion && /^\d+(\.\d+)*$/.test(platformVersion) ? platformVersion : null
  const trimmed = (version: string) => version.replace(/(\.0+)+$/, '')
  switch (osName) {
    case 'Windows':
      if (hinted) return windowsFromHint(hinted)
      // "NT 10.0" is Windows 10 or 11; older ones (7, 8, 8.1, XP, Vista, CE…) the UA names right.
      return uaVersion && uaVersion !== '10' ? uaVersion : null
    case 'macOS':
      if (hinted) return trimmed(hinted)
      return uaVersion && !FROZEN_MAC.test(uaVersion) ? uaVersion.split('.').slice(0, 2).join('.') : null
    case 'Android':
      return hinted ? trimmed(hinted) : uaVersion
    default:
      // Linux and friends put no useful version in the UA (ChromeOS only a build number).
      return osName && DESKTOP_OS.test(osName) ? null : uaVersion
  }
}

export function deviceTypeOf(
  type: string | undefined,
  osName: string | null,
  ua: string,
  mobile: string | null,
): DeviceType {
  if (type === 'smarttv' || TV.test(ua)) return 'tv'
  if (WINDOWS_HANDHELD.test(ua) && type !== 'tablet') return 'mobile'
  if (type && type !== 'mobile' && type !== 'tablet') return 'other' // console, wearable, embedded
  if (mobile === '?1') return 'mobile'
  if (mobile === '?0') return 'tablet' // only asked on Android, where not-mobile means a tablet
  if (type === 'mobile' || type === 'tablet') return type
  if (osName === 'Android') return /Mobile/.test(ua) ? 'mobile' : 'tablet'
  return osName && DESKTOP_OS.test(osName) ? 'desktop' : 'other'
}
