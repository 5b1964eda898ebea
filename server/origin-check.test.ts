import { describe, expect, test } from 'vitest'
import { originPolicy } from '../app/lib/public-origin.server.ts'
import { fromOwnOrigin, type RequestOrigin } from './origin-check.ts'

// Behind a load balancer the app sees Host: 127.0.0.1:4551 and plain HTTP, while the
// browser's Origin is https://doorman.example.com.
const behindProxy = originPolicy({ PUBLIC_ORIGIN: 'https://doorman.example.com', HOST: '127.0.0.1', PORT: 4551 })
const proxied = (origin: string | undefined, extra: Partial<RequestOrigin> = {}): RequestOrigin => ({
  origin,
  secFetchSite: undefined,
  protocol: 'http',
  host: '127.0.0.1:4551',
  ...extra,
})

describe('origin check on state-changing requests', () => {
  test('behind a proxy that rewrites Host, the public origin is accepted', () => {
    expect(fromOwnOrigin(proxied('https://doorman.example.com'), behindProxy)).toBe(true)
  })

  test('the same host with the other scheme is refused', () => {
    expect(fromOwnOrigin(proxied('http://doorman.example.com'), behindProxy)).toBe(false)
  })

  test('another host, another port, "null" and garbage are refused', () => {
    for (const origin of [
      'https://evil.example',
      'https://doorman.example.com:8443',
      'https://doorman.example.com.evil.example',
      'http://127.0.0.1:4551', // the address behind the proxy is not the public origin
      'null',
      'not a url',
    ])
      expect(fromOwnOrigin(proxied(origin), behindProxy), origin).toBe(false)
  })

  test('without Origin, only Sec-Fetch-Site: same-origin passes', () => {
    expect(fromOwnOrigin(proxied(undefined, { secFetchSite: 'same-origin' }), behindProxy)).toBe(true)
    expect(fromOwnOrigin(proxied(undefined, { secFetchSite: 'cross-site' }), behindProxy)).toBe(false)
    expect(fromOwnOrigin(proxied(undefined), behindProxy)).toBe(false)
  })

  test('a loopback install accepts its own address under any loopback name, same port and scheme only', () => {
    const local = originPolicy({ HOST: '127.0.0.1', PORT: 3000 })
    const direct = (origin: string) => ({ origin, secFetchSite: undefined, protocol: 'http', host: 'localhost:3000' })
    expect(fromOwnOrigin(direct('http://localhost:3000'), local)).toBe(true)
    expect(fromOwnOrigin(direct('http://127.0.0.1:3000'), local)).toBe(true)
    expect(fromOwnOrigin(direct('https://localhost:3000'), local)).toBe(false)
    expect(fromOwnOrigin(direct('http://localhost:3001'), local)).toBe(false)
  })

  test('with no setting on a public address, scheme and host must match the request', () => {
    const open = originPolicy({ HOST: '0.0.0.0', PORT: 3000 })
    const request = (origin: string, protocol: string) => ({
      origin,
      secFetchSite: undefined,
      protocol,
      host: 'doorman.lan:3000',
    })
    expect(fromOwnOrigin(request('http://doorman.lan:3000', 'http'), open)).toBe(true)
    expect(fromOwnOrigin(request('https://doorman.lan:3000', 'http'), open)).toBe(false)
  })
})
