import ipaddr from 'ipaddr.js'

/**
 * Express's `trust proxy` setting from TRUST_PROXY: `false` (the default) trusts no
 * header and uses the socket's address; a number trusts that many proxy hops; a list
 * trusts X-Forwarded-For only when it arrives from those addresses or ranges.
 */
export function trustProxySetting(value: string): boolean | number | string[] {
  const trimmed = value.trim()
  if (trimmed === 'false' || trimmed === '') return false
  if (trimmed === 'true') return true
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  return trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
}

/** A canonical IP string, or null when `value` is not an IP (a malformed header). */
export function normalizeIp(value: string | undefined | null): string | null {
  if (!value || value.length > 64 || !ipaddr.isValid(value)) return null
  const parsed = ipaddr.parse(value)
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().toString()
  }
  return parsed.toString()
}

/** The client's IP as Express computed it, falling back to the socket on garbage. */
export function clientIpOf(req: { ip?: string; socket: { remoteAddress?: string } }): string {
  return normalizeIp(req.ip) ?? normalizeIp(req.socket.remoteAddress) ?? '0.0.0.0'
}
