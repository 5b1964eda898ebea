import type { OriginPolicy } from '../app/lib/public-origin.server.ts'

export type RequestOrigin = {
  /** The Origin header, if any. */
  origin: string | undefined
  secFetchSite: string | undefined
  /** The request's own scheme and host (only used without a configured origin). */
  protocol: string
  host: string | undefined
}

/**
 * Whether a state-changing request comes from the app's own pages: its Origin must be
 * ours, scheme and host both (http://doorman.example.com is not https://…), or, without
 * Origin, Sec-Fetch-Site must say same-origin.
 */
export function fromOwnOrigin(request: RequestOrigin, policy: OriginPolicy): boolean {
  const { origin } = request
  if (!origin) return request.secFetchSite === 'same-origin'
  if (origin === 'null') return false
  const normalized = normalizeOrigin(origin)
  if (!normalized) return false
  if (policy.allowed) return policy.allowed.has(normalized)
  return request.host !== undefined && normalized === normalizeOrigin(`${request.protocol}://${request.host}`)
}

function normalizeOrigin(value: string) {
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}
