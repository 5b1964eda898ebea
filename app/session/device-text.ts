// Text that reaches other people's pages (the admin console, a user's device list) from
// headers anyone can set: keep it short and printable.

// C0/C1 controls, and format characters (bidi overrides and isolates, zero-width joiners…)
// that could reorder or hide what is shown around them.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

/** Printable, single-spaced, at most `max` characters (cut with "…"); null when nothing is left. */
export function cleanText(value: unknown, max = 40): string | null {
  if (typeof value !== 'string') return null
  const text = value.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim()
  if (text === '') return null
  const chars = Array.from(text) // by code point, so a cut never splits a surrogate pair
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
}
