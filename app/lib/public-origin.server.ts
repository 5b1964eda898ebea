import ipaddr from 'ipaddr.js'

// The origin people type in their browser (decision 016). Behind a load balancer the
// app cannot learn it from the request: the proxy may rewrite Host and terminate TLS.
// So it is one setting, PUBLIC_ORIGIN, validated at start; a loopback install without
// it defaults to the address the server listens on.

/** `scheme://host[:port]` with nothing after it, or an error message. */
export function parsePublicOrigin(value: string): { origin: string } | { error: string } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { error: 'expected an origin such as https://doorman.example.com' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'expected an http:// or https:// origin' }
  if (url.username || url.password) return { error: 'expected no user name or password in the origin' }
  const rest = value.slice(value.indexOf('//') + 2).replace(/^[^/?#]*/, '') // after the host
  if (!['', '/'].includes(rest) || url.pathname !== '/') {
    return { error: 'expected scheme, host and optional port only, with no path, query or fragment' }
  }
  return { origin: url.origin }
}

export function isLoopbackHost(host: string) {
  if (host === 'localhost') return true
  const bare = host.replace(/^\[|\]$/g, '')
  return ipaddr.isValid(bare) && ipaddr.process(bare).range() === 'loopback'
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host)

export type OriginPolicy = {
  /** The origin absolute URLs are built from. */
  origin: string
  /** Origins a state-changing request may come from; null: the request's own scheme and host. */
  allowed: Set<string> | null
}

/**
 * PUBLIC_ORIGIN when set. Otherwise, on a loopback install, localhost, with requests
 * accepted from the listening address and its loopback aliases (a browser may say
 * localhost, 127.0.0.1 or [::1]). Otherwise (no setting, not loopback) the request's own
 * scheme and host, as before this setting.
 */
export function originPolicy(config: { PUBLIC_ORIGIN?: string; HOST: string; PORT: number }): OriginPolicy {
  if (config.PUBLIC_ORIGIN) return { origin: config.PUBLIC_ORIGIN, allowed: new Set([config.PUBLIC_ORIGIN]) }
  const at = (host: string) => new URL(`http://${host}:${config.PORT}`).origin // drops :80
  const listening = at(urlHost(config.HOST))
  if (!isLoopbackHost(config.HOST)) return { origin: listening, allowed: null }
  // Links say localhost, as `npm start` does: the address a person opens and signs in at.
  const aliases = ['localhost', '127.0.0.1', '[::1]'].map(at)
  return { origin: at('localhost'), allowed: new Set([listening, ...aliases]) }
}

/** An absolute URL on the public origin, e.g. for a link in an email. */
export function absoluteUrl(policy: OriginPolicy, path: string) {
  return new URL(path, policy.origin).toString()
}
