import ipaddr from 'ipaddr.js'

// "Where" a sign-in came from: the session's approximate location (app/lib/geo) when it
// names a place; otherwise its network stands in: the /24 of an IPv4 address or the /48
// of an IPv6 one, so a new address from the same home router still counts as the same
// place. "Unknown" and "Local network" name no place, so they never make two networks one.

type Located = Record<string, unknown> & { signInIp: string }

/** Field names a session's approximate location may come under (first one set wins). */
const locationFields = ['location', 'country', 'countryName', 'signInCountry', 'signInLocation']

export function locationOf(session: Located): string | null {
  for (const field of locationFields) {
    const value = session[field]
    if (typeof value === 'string' && value.trim() !== '' && value.trim() !== 'Unknown') return value.trim()
  }
  return null
}

const namesAPlace = (location: string | null) => (location === 'Local network' ? null : location)

export function networkOf(ip: string): string {
  try {
    const address = ipaddr.process(ip)
    if (address.kind() === 'ipv4') return `${address.toByteArray().slice(0, 3).join('.')}.0/24`
    const parts = (address as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 3)
    return `${parts.join(':')}::/48`
  } catch {
    return ip
  }
}

/** What decides "the same place": the location when known, else the network. */
export function placeKey(session: Located): string {
  return namesAPlace(locationOf(session)) ?? networkOf(session.signInIp)
}

/** What people read: "Germany (IP 203.0.113.5)" or "IP 203.0.113.5". */
export function placeText(session: Located): string {
  const location = locationOf(session)
  return location ? `${location} (IP ${session.signInIp})` : `IP address ${session.signInIp}`
}
