import { describe, expect, test } from 'vitest'
import { locationOf, networkOf, placeKey, placeText } from '~/mail/place.ts'

describe('where a sign-in came from', () => {
  test('IPv4 addresses of one /24 are one place; IPv6 ones of one /48', () => {
    expect(networkOf('203.0.113.5')).toBe('203.0.113.0/24')
    expect(networkOf('::ffff:203.0.113.99')).toBe('203.0.113.0/24')
    expect(networkOf('2001:db8:1234:5::1')).toBe(networkOf('2001:db8:1234:ffff::2'))
    expect(networkOf('2001:db8:1234::1')).not.toBe(networkOf('2001:db8:1235::1'))
    expect(networkOf('not an ip')).toBe('not an ip')
  })

  test('a location, when the session has one, decides the place and is shown with the IP', () => {
    const located = { signInIp: '203.0.113.5', country: 'Germany' }
    expect(locationOf(located)).toBe('Germany')
    expect(placeKey(located)).toBe('Germany')
    expect(placeText(located)).toBe('Germany (IP 203.0.113.5)')
    expect(placeText({ signInIp: '203.0.113.5', country: null })).toBe('IP address 203.0.113.5')
  })
})
