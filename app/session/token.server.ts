import { createHash, randomBytes } from 'node:crypto'

// The token is the only secret: it lives in the cookie and nowhere else. The database
// keeps its SHA-256 and finds the session by that hash, so a leaked database (or log of
// queries) cannot be replayed as a cookie. See docs/decisions/003-session-tokens.md.

const TOKEN_BYTES = 32
const PUBLIC_ID_BYTES = 16
const tokenPattern = /^[A-Za-z0-9_-]{43}$/

/** 32 bytes from the OS CSPRNG, base64url: 256 bits, far beyond guessing. */
export function generateSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The opaque id that pages, forms, URLs and logs use instead of the token. */
export function generatePublicId(): string {
  return randomBytes(PUBLIC_ID_BYTES).toString('base64url')
}

/** Rejects garbage before it costs a hash and a query. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && tokenPattern.test(value)
}
