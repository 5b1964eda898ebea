import { BROWSER_NAMES, normalizeName, OS_NAMES } from './device.ts'

// Browsers switch their UA between these OS families on their own: "Request Desktop Website"
// on iOS/iPadOS Safari sends a Mac UA, "Desktop site" on Android Chrome or Firefox a Linux one.
const OS_GROUPS = new Map([
  ['iOS', 'apple'],
  ['iPadOS', 'apple'],
  ['macOS', 'apple'],
  ['Android', 'android'],
  ['Linux', 'android'],
])

// Stored families may be older spellings ("Mobile Safari", "GSA", "Mac OS"): compare the
// names as they are shown now, so that renaming a family never ends existing sessions.
const browserKey = (family: string) => normalizeName(BROWSER_NAMES, family)
const osKey = (family: string) => {
  const name = normalizeName(OS_NAMES, family) ?? family
  return OS_GROUPS.get(name) ?? name
}

/**
 * Whether a request's UA families could come from the browser that signed in. A different
 * browser on the same cookie is a stolen cookie; the same browser asking for the desktop (or
 * mobile) version of a site is not. A family unknown at sign-in proves nothing.
 */
export function sameBrowserFamily(
  stored: { uaBrowserFamily: string | null; uaOsFamily: string | null },
  seen: { uaBrowserFamily: string | null; uaOsFamily: string | null },
) {
  const differs = (before: string | null, after: string | null, key: (family: string) => string | null) =>
    before !== null && (after === null || key(before) !== key(after))
  return !(
    differs(stored.uaBrowserFamily, seen.uaBrowserFamily, browserKey) ||
    differs(stored.uaOsFamily, seen.uaOsFamily, osKey)
  )
}
