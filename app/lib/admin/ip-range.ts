import ipaddr from 'ipaddr.js'

// IP addresses and CIDR ranges for the bulk sign-out rule. Pure: shared by the form's
// validation and the server's matching. Addresses are stored canonical (see
// server/client-ip.ts: IPv4-mapped IPv6 is stored as IPv4), but older rows may still
// hold "::ffff:1.2.3.4", so matching maps those to IPv4 too.

export type IpRange = { kind: 'ipv4' | 'ipv6'; address: ipaddr.IPv4 | ipaddr.IPv6; bits: number; text: string }
export type ParsedIpRange = { ok: true; range: IpRange } | { ok: false; error: string }

const HINT = 'Enter an IP address such as 203.0.113.7, or a range such as 203.0.113.0/24 or 2001:db8::/32.'

const fail = (error: string): ParsedIpRange => ({ ok: false, error })

function kindOf(text: string): IpRange['kind'] | null {
  // Only dotted quads: ipaddr.js would also accept "10.1" or "0x0a.0.0.1", which people
  // rarely mean and which would make the rule say something other than what they typed.
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return 'ipv4'
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) return 'ipv6'
  return null
}

/** "203.0.113.7", "203.0.113.0/24", "2001:db8::/32" → a range; anything else → a message. */
export function parseIpRange(input: string): ParsedIpRange {
  const text = input.trim()
  if (text === '') return fail(HINT)
  if (text.length > 64) return fail(`That is too long for an IP address. ${HINT}`)
  const [addressText = '', bitsText, ...rest] = text.split('/')
  if (rest.length > 0) return fail(`“${text}” has more than one “/”. ${HINT}`)
  const kind = kindOf(addressText)
  if (!kind) return fail(`“${addressText}” is not a valid IP address. ${HINT}`)
  const max = kind === 'ipv4' ? 32 : 128
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText))
    return fail(`“/${bitsText}” is not a prefix length: use /0 to /${max}.`)
  const bits = bitsText === undefined ? max : Number(bitsText)
  if (bits > max)
    return fail(`/${bits} is too long for an ${kind === 'ipv4' ? 'IPv4' : 'IPv6'} range: use /0 to /${max}.`)
  const parsed = ipaddr.parse(addressText)
  // ::ffff:1.2.3.0/120 is the IPv4 range 1.2.3.0/24 (clients' IPv4 addresses are stored as IPv4).
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return fromNetwork('ipv4', (parsed as ipaddr.IPv6).toIPv4Address().toString(), bits - 96)
  }
  return fromNetwork(kind, parsed.toString(), bits)
}

function fromNetwork(kind: IpRange['kind'], address: string, bits: number): ParsedIpRange {
  // Host bits are cleared, so "10.0.0.7/24" means (and is shown as) 10.0.0.0/24.
  const network =
    kind === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${bits}`)
  return { ok: true, range: { kind, address: network, bits, text: `${network.toString()}/${bits}` } }
}

/** Whether a stored address lies in the range; IPv4-mapped IPv6 counts as its IPv4 address. */
export function ipInRange(ip: string, range: IpRange): boolean {
  if (!ipaddr.isValid(ip)) return false
  const address = ipaddr.process(ip)
  if (address.kind() !== range.kind) return false
  return range.kind === 'ipv4'
    ? (address as ipaddr.IPv4).match(range.address as ipaddr.IPv4, range.bits)
    : (address as ipaddr.IPv6).match(range.address as ipaddr.IPv6, range.bits)
}

/**
 * LIKE patterns that every matching stored address satisfies, so SQL can narrow the
 * candidates before the exact check in JS. For octet-aligned IPv4 ranges (/0, /8, /16,
 * /24, /32) they are exact on canonical text, and no JS pass is needed. Canonical IPv6
 * text (RFC 5952) compresses runs of zero groups, never a non-zero one, so the range's
 * leading whole groups, up to the first zero group, are a safe text prefix.
 */
export function ipPrefilter(range: IpRange): { patterns: string[]; exact: boolean } {
  if (range.kind === 'ipv6') {
    const groups = (range.address as ipaddr.IPv6).parts.slice(0, Math.floor(range.bits / 16))
    const leading = groups
      .slice(0, groups.includes(0) ? groups.indexOf(0) : groups.length)
      .map((part) => part.toString(16))
    if (leading.length === 0) return { patterns: ['%:%'], exact: false }
    return { patterns: [leading.length === 8 ? leading.join(':') : `${leading.join(':')}:%`], exact: false }
  }
  const octets = range.address
    .toString()
    .split('.')
    .slice(0, Math.floor(range.bits / 8))
  if (octets.length === 0) return { patterns: ['%.%'], exact: range.bits === 0 }
  const prefix = octets.length === 4 ? octets.join('.') : `${octets.join('.')}.%`
  return { patterns: [prefix, `::ffff:${prefix}`], exact: range.bits % 8 === 0 }
}

// A case-insensitive regular expression (POSIX ARE, for PostgreSQL's `~*`) for IPv4 with
// octets 0–255, every RFC 4291 text form of IPv6 without an embedded IPv4 address, and
// IPv4-mapped IPv6 (older rows). Text it accepts always casts to PostgreSQL's inet.
const octet = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
const ipv4 = `${octet}(\\.${octet}){3}`
const h = '[0-9a-f]{1,4}'
const ipv6 = [
  `(${h}:){7}${h}`,
  `(${h}:){1,7}:`,
  `(${h}:){1,6}:${h}`,
  `(${h}:){1,5}(:${h}){1,2}`,
  `(${h}:){1,4}(:${h}){1,3}`,
  `(${h}:){1,3}(:${h}){1,4}`,
  `(${h}:){1,2}(:${h}){1,5}`,
  `${h}:(:${h}){1,6}`,
  `:((:${h}){1,7}|:)`,
  `::ffff:${ipv4}`,
].join('|')
export const castableIpPattern = `^(${ipv4}|${ipv6})$`
