import ipaddr from 'ipaddr.js'
import { describe, expect, test } from 'vitest'
import { castableIpPattern, ipInRange, ipPrefilter, parseIpRange, type IpRange } from './ip-range.ts'

function range(text: string): IpRange {
  const parsed = parseIpRange(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.range
}

describe('parseIpRange', () => {
  test('a single address is a /32 or /128 range', () => {
    expect(range('203.0.113.7').text).toBe('203.0.113.7/32')
    expect(range('::1').text).toBe('::1/128')
    expect(range(' 2001:DB8::1 ').text).toBe('2001:db8::1/128')
  })

  test('host bits are cleared', () => {
    expect(range('10.0.0.7/24').text).toBe('10.0.0.0/24')
    expect(range('2001:db8:abcd::1/32').text).toBe('2001:db8::/32')
  })

  test('an IPv4-mapped IPv6 range is its IPv4 range', () => {
    expect(range('::ffff:1.2.3.0/120')).toMatchObject({ kind: 'ipv4', text: '1.2.3.0/24' })
    expect(range('::ffff:1.2.3.4')).toMatchObject({ kind: 'ipv4', text: '1.2.3.4/32' })
  })

  test.each([
    ['300.1.1.1/24', '“300.1.1.1” is not a valid IP address'],
    ['10.0.0.0/33', '/33 is too long for an IPv4 range: use /0 to /32.'],
    ['2001:db8::/129', '/129 is too long for an IPv6 range: use /0 to /128.'],
    ['abc', '“abc” is not a valid IP address'],
    ['10.1/16', '“10.1” is not a valid IP address'],
    ['10.0.0.0/-1', '“/-1” is not a prefix length'],
    ['10.0.0.0/8/8', 'has more than one “/”'],
    ['fe80::1%eth0', 'is not a valid IP address'],
    ['', 'Enter an IP address'],
  ])('%j is refused with a clear message', (input, message) => {
    const parsed = parseIpRange(input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain(message)
  })
})

describe('ipInRange', () => {
  test('IPv4 /32 matches only that address', () => {
    expect(ipInRange('203.0.113.7', range('203.0.113.7/32'))).toBe(true)
    expect(ipInRange('203.0.113.8', range('203.0.113.7/32'))).toBe(false)
  })

  test('IPv4 /24 boundaries', () => {
    const net = range('203.0.113.0/24')
    expect(ipInRange('203.0.113.0', net)).toBe(true)
    expect(ipInRange('203.0.113.255', net)).toBe(true)
    expect(ipInRange('203.0.112.255', net)).toBe(false)
    expect(ipInRange('203.0.114.0', net)).toBe(false)
  })

  test('a non-octet-aligned range: /20', () => {
    const net = range('10.1.16.0/20')
    expect(ipInRange('10.1.16.0', net)).toBe(true)
    expect(ipInRange('10.1.31.255', net)).toBe(true)
    expect(ipInRange('10.1.32.0', net)).toBe(false)
    expect(ipInRange('10.1.15.255', net)).toBe(false)
  })

  test('IPv4 /0 matches every IPv4 address and no IPv6 one', () => {
    const all = range('0.0.0.0/0')
    expect(ipInRange('1.2.3.4', all)).toBe(true)
    expect(ipInRange('255.255.255.255', all)).toBe(true)
    expect(ipInRange('2001:db8::1', all)).toBe(false)
  })

  test('IPv6: ::1/128 and 2001:db8::/32', () => {
    expect(ipInRange('::1', range('::1/128'))).toBe(true)
    expect(ipInRange('::2', range('::1/128'))).toBe(false)
    const doc = range('2001:db8::/32')
    expect(ipInRange('2001:db8::1', doc)).toBe(true)
    expect(ipInRange('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', doc)).toBe(true)
    expect(ipInRange('2001:db9::1', doc)).toBe(false)
    expect(ipInRange('2001:0DB8:0000::0001', doc)).toBe(true)
  })

  test('an IPv4-mapped address is its IPv4 address: ::ffff:1.2.3.4 is in 1.2.3.0/24', () => {
    expect(ipInRange('::ffff:1.2.3.4', range('1.2.3.0/24'))).toBe(true)
    expect(ipInRange('::ffff:1.2.4.4', range('1.2.3.0/24'))).toBe(false)
    expect(ipInRange('1.2.3.4', range('::ffff:1.2.3.0/120'))).toBe(true)
    // …and so it is not in an IPv6 range that is not the mapped block.
    expect(ipInRange('::ffff:1.2.3.4', range('2001:db8::/32'))).toBe(false)
  })

  test('garbage stored values never match', () => {
    expect(ipInRange('unknown', range('0.0.0.0/0'))).toBe(false)
    expect(ipInRange('', range('::/0'))).toBe(false)
  })
})

describe('ipPrefilter', () => {
  test('octet-aligned IPv4 ranges are exact LIKE patterns', () => {
    expect(ipPrefilter(range('203.0.113.0/24'))).toEqual({
      patterns: ['203.0.113.%', '::ffff:203.0.113.%'],
      exact: true,
    })
    expect(ipPrefilter(range('203.0.113.7'))).toEqual({ patterns: ['203.0.113.7', '::ffff:203.0.113.7'], exact: true })
    expect(ipPrefilter(range('0.0.0.0/0'))).toEqual({ patterns: ['%.%'], exact: true })
  })

  test('other ranges narrow to their aligned octets and need the exact check', () => {
    expect(ipPrefilter(range('10.1.16.0/20'))).toEqual({ patterns: ['10.1.%', '::ffff:10.1.%'], exact: false })
    expect(ipPrefilter(range('::/0'))).toEqual({ patterns: ['%:%'], exact: false })
    expect(ipPrefilter(range('::1/128'))).toEqual({ patterns: ['%:%'], exact: false })
  })

  test('IPv6 ranges narrow to their leading non-zero groups, as canonical text writes them', () => {
    expect(ipPrefilter(range('2001:db8::/32'))).toEqual({ patterns: ['2001:db8:%'], exact: false })
    expect(ipPrefilter(range('2001:DB8:0A00::/40'))).toEqual({ patterns: ['2001:db8:%'], exact: false })
    expect(ipPrefilter(range('2001:0:0:1::/64'))).toEqual({ patterns: ['2001:%'], exact: false })
    expect(ipPrefilter(range('2001:db8:1:2:3:4:5:6'))).toEqual({ patterns: ['2001:db8:1:2:3:4:5:6'], exact: false })
    // Every address of the range, written canonically (as stored), fits the pattern.
    for (const ip of ['2001:0db8:0000:0000:0000:0000:0000:0000', '2001:DB8::1', '2001:db8:ffff:0:1:0:0:1']) {
      expect(ipaddr.parse(ip).toString().startsWith('2001:db8:')).toBe(true)
    }
  })
})

describe('castableIpPattern (the guard before PostgreSQL casts a stored address to inet)', () => {
  const castable = new RegExp(castableIpPattern, 'i')

  test('accepts every address in every text form, canonical or not', () => {
    const addresses = ['0.0.0.0', '255.255.255.255', '203.0.113.7', '::', '::1', '1::', '2001:db8::7', 'fe80::1:2']
    addresses.push('2001:0DB8:0000:0000:0000:0000:0000:0001', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '::ffff:1.2.3.4')
    for (let bits = 0; bits < 8; bits++) {
      const parts = Array.from({ length: 8 }, (_, index) => (index === bits || index === 7 - bits ? 0 : index * 4097))
      addresses.push(new ipaddr.IPv6(parts).toString(), new ipaddr.IPv6(parts).toNormalizedString())
    }
    for (const address of addresses) {
      expect(ipaddr.isValid(address), address).toBe(true)
      expect(castable.test(address), address).toBe(true)
    }
  })

  test('refuses text that is no address, which the cast would reject', () => {
    const strays = ['', 'unknown', '10.0.0.256', '1.2.3', '01.2.3.4x', '10.0.0.1:8080', '1:2:3:4:5:6:7:8:9']
    strays.push('1::2::3', ':::', '12345::', 'g::1', '1:2:3:4:5:6:7:8::', '::ffff:1.2.3.999', ' 1.2.3.4')
    for (const stray of strays) expect(castable.test(stray), stray).toBe(false)
  })
})
