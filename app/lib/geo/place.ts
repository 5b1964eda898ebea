// Pure: turns a MaxMind-DB record into the words a page shows. Works with both shapes
// Doorman meets: ip-location-db's flat one ({ country_code, city }) and GeoLite2 / DB-IP
// city's nested one ({ country: { iso_code }, city: { names: { en } } }).

export const LOCAL_NETWORK = 'Local network'
export const UNKNOWN_PLACE = 'Unknown'

export type GeoRecord = {
  country_code?: unknown
  city?: unknown
  country?: { iso_code?: unknown; names?: Record<string, unknown> }
  registered_country?: { iso_code?: unknown }
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

function countryName(code: unknown): string | null {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) return null
  try {
    return regionNames.of(code) ?? null
  } catch {
    return null
  }
}

function cityName(city: unknown): string | null {
  const name = typeof city === 'string' ? city : (city as { names?: Record<string, unknown> } | null)?.names?.en
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 60) : null
}

/** "Berlin, Germany", "Germany", or "Unknown" when the record names no country. */
export function placeOf(record: GeoRecord | null | undefined): string {
  if (!record || typeof record !== 'object') return UNKNOWN_PLACE
  const country = countryName(record.country?.iso_code ?? record.country_code ?? record.registered_country?.iso_code)
  if (!country) return UNKNOWN_PLACE
  const city = cityName(record.city)
  return city ? `${city}, ${country}` : country
}

/** The city part of a place, for short accessible names ("Berlin"), else the whole place. */
export const shortPlace = (place: string) => place.split(', ')[0] ?? place

/** "Berlin, Germany" or, when it moved, "Berlin, Germany, now Paris, France". */
export function describeLocations(signIn: string | null | undefined, last: string | null | undefined) {
  if (!signIn && !last) return null
  if (!signIn || !last || signIn === last) return (last ?? signIn)!
  return `signed in from ${signIn}, now ${last}`
}
