// Pure parsing of the Sec-CH-UA* request headers (User-Agent Client Hints). Only
// Chromium-based browsers send them; device.ts decides when to believe them.

/** The six hint headers, raw (still in structured-field syntax); null when absent. */
export type ClientHints = {
  brands: string | null
  fullVersionList: string | null
  platform: string | null
  platformVersion: string | null
  model: string | null
  mobile: string | null
}

export type BrandVersion = { brand: string; version: string | null }

const HINT_HEADERS: Record<keyof ClientHints, string> = {
  brands: 'Sec-CH-UA',
  fullVersionList: 'Sec-CH-UA-Full-Version-List',
  platform: 'Sec-CH-UA-Platform',
  platformVersion: 'Sec-CH-UA-Platform-Version',
  model: 'Sec-CH-UA-Model',
  mobile: 'Sec-CH-UA-Mobile',
}

// Real hints are well under 200 characters; the cap bounds what a hostile header costs us.
const MAX_HINT_LENGTH = 512

/** Reads the six Sec-CH-UA* headers; an empty or whitespace-only header counts as absent (null). */
export function readClientHints(headers: Headers): ClientHints {
  const read = (field: keyof ClientHints) => hintValue(headers.get(HINT_HEADERS[field]))
  return {
    brands: read('brands'),
    fullVersionList: read('fullVersionList'),
    platform: read('platform'),
    platformVersion: read('platformVersion'),
    model: read('model'),
    mobile: read('mobile'),
  }
}

/** One raw hint, trimmed and capped; anything that is not a non-blank string is absent. */
export function hintValue(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim().slice(0, MAX_HINT_LENGTH)
  return trimmed === '' ? null : trimmed
}

/** '"Pixel 8"' → 'Pixel 8'. Desktops send '""' for the model, which counts as absent. */
export function unquoteHint(value: unknown): string | null {
  const raw = hintValue(value)
  if (raw === null) return null
  const text = /^"[^]*"$/.test(raw) ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw
  return text.trim() === '' ? null : text.trim()
}

/** '"Brave";v="131", "Chromium";v="131"' → [{ brand: 'Brave', version: '131' }, …] */
export function parseBrandList(value: unknown): BrandVersion[] {
  const raw = hintValue(value)
  if (raw === null) return []
  return Array.from(raw.matchAll(/"([^"]*)"\s*;\s*v="([^"]*)"/g), ([, brand = '', version = '']) => ({
    brand: brand.trim(),
    version: version.trim() || null,
  }))
}

// GREASE entries ("Not_A Brand", "Not/A)Brand", …) are decoys that browsers add so that
// servers cannot hard-code the list; they never name the browser.
const isGrease = (brand: string) => /not/i.test(brand) && /brand/i.test(brand)

// A Map, not an object literal: a brand called "constructor" must not find Object.prototype.
const BRAND_NAMES = new Map([
  ['Google Chrome', 'Chrome'],
  ['Microsoft Edge', 'Edge'],
  ['GSA', 'Google app'],
])

/** Brands every browser built on Chromium (or on Android's WebView) lists beside its own. */
export const GENERIC_BRANDS = new Set(['Chromium', 'Android WebView'])

const majorOf = (version: string | null) => version?.match(/^\d+/)?.[0] ?? null

/**
 * The browser the hints name: the first real brand that is not generic (Chromium, Android
 * WebView), or a generic one when nothing more specific is there. Its major version comes
 * from Sec-CH-UA; the full version list is trusted only when it agrees (Opera once listed
 * the Chromium build under its own brand there: "Opera 98" for Opera 84).
 */
export function brandFromHints(hints: Partial<ClientHints>): BrandVersion | null {
  const short = parseBrandList(hints.brands).filter(isReal)
  const full = parseBrandList(hints.fullVersionList).filter(isReal)
  const listed = short.length > 0 ? short : full
  const chosen = listed.find(({ brand }) => !GENERIC_BRANDS.has(brand)) ?? listed[0]
  if (!chosen) return null
  const fullVersion = full.find(({ brand }) => brand === chosen.brand)?.version ?? null
  const shortMajor = short.length > 0 ? majorOf(chosen.version) : null
  const version = shortMajor === null ? fullVersion : majorOf(fullVersion) === shortMajor ? fullVersion : chosen.version
  return { brand: BRAND_NAMES.get(chosen.brand) ?? chosen.brand, version }
}

const isReal = ({ brand }: BrandVersion) => brand !== '' && !isGrease(brand)
