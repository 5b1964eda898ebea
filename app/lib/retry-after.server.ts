import type { HeadersFunction } from '@remix-run/node'

/** The Retry-After header for a 429 result, if it says how long to wait. */
export const retryAfterHeaders = (result: { retryAfter?: number }) =>
  result.retryAfter ? { 'Retry-After': String(result.retryAfter) } : undefined

/** A route's `headers`: Remix keeps only Set-Cookie from actions on document responses; pass Retry-After on. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}
