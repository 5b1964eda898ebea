import { describe, expect, test } from 'vitest'
import { clientIpOf, normalizeIp, trustProxySetting } from './client-ip.ts'

describe('client IP', () => {
  test('TRUST_PROXY: false by default, a hop count, or a list of proxies', () => {
    expect(trustProxySetting('false')).toBe(false)
    expect(trustProxySetting('1')).toBe(1)
    expect(trustProxySetting('10.0.0.1, 10.0.0.0/8')).toEqual(['10.0.0.1', '10.0.0.0/8'])
  })

  test('normalises IPv4-mapped IPv6 and rejects garbage', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1')
    for (const bad of ['', 'garbage', '1.2.3.4.5', '<script>', 'x'.repeat(1000), undefined, null])
      expect(normalizeIp(bad)).toBeNull()
  })

  test('falls back to the socket address when the computed IP is malformed', () => {
    expect(clientIpOf({ ip: 'not-an-ip', socket: { remoteAddress: '::ffff:192.0.2.7' } })).toBe('192.0.2.7')
    expect(clientIpOf({ ip: '198.51.100.3', socket: { remoteAddress: '127.0.0.1' } })).toBe('198.51.100.3')
  })
})
