import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { testCityNetworks, writeMmdb } from '../../../tests/support/mmdb-writer.ts'
import { DEFAULT_GEOIP_DATABASE, locateIp } from './geoip.server.ts'
import { parseEnv } from '~/env.server.ts'
import { describeLocations, placeOf } from './place.ts'

// Countries checked in the bundled DB-IP country file (dbip-country.mmdb, 2026-06) itself.
describe('locateIp with the bundled DB-IP country data', () => {
  test.each([
    ['193.99.144.80', 'Germany'],
    ['81.2.69.142', 'United Kingdom'],
    ['133.242.0.3', 'Japan'],
    ['200.160.2.3', 'Brazil'],
    ['2a00:1450:4001:80b::200e', 'Germany'],
    ['::ffff:193.99.144.80', 'Germany'],
  ])('%s is in %s', (ip, place) => {
    expect(locateIp(ip, DEFAULT_GEOIP_DATABASE)).toBe(place)
  })

  test.each([
    '127.0.0.1',
    '::1',
    '10.1.2.3',
    '192.168.0.7',
    '172.16.5.4',
    '169.254.1.1',
    'fd00::1',
    'fe80::1',
    '100.64.0.1',
  ])('%s is the local network, never a country', (ip) => {
    expect(locateIp(ip, DEFAULT_GEOIP_DATABASE)).toBe('Local network')
  })

  test.each(['', 'not-an-ip', '999.1.1.1', '224.0.0.1', '192.0.2.1', '2001:db8::1', '255.255.255.255'])(
    '%j is Unknown',
    (ip) => {
      expect(locateIp(ip, DEFAULT_GEOIP_DATABASE)).toBe('Unknown')
    },
  )

  test('an unreadable database turns lookups off with one log line, never an error', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(locateIp('193.99.144.80', '/nonexistent/city.mmdb')).toBe('Unknown')
    expect(locateIp('81.2.69.142', '/nonexistent/city.mmdb')).toBe('Unknown')
    expect(log).toHaveBeenCalledTimes(1)
    log.mockRestore()
  })
})

describe('placeOf', () => {
  test('the flat ip-location-db shape, with and without a city', () => {
    expect(placeOf({ country_code: 'DE' })).toBe('Germany')
    expect(placeOf({ country_code: 'DE', city: 'Berlin' })).toBe('Berlin, Germany')
  })
  test('the nested GeoLite2 / DB-IP city shape', () => {
    expect(placeOf({ country: { iso_code: 'FR' }, city: { names: { en: 'Paris' } } } as never)).toBe('Paris, France')
    expect(placeOf({ registered_country: { iso_code: 'JP' } })).toBe('Japan')
  })
  test('no country, or nonsense, is Unknown', () => {
    expect(placeOf(null)).toBe('Unknown')
    expect(placeOf({ country_code: 'ZZZ' })).toBe('Unknown')
    expect(placeOf({ country_code: 42 })).toBe('Unknown')
  })
})

describe('describeLocations', () => {
  test('one place when it did not change, both when it did', () => {
    expect(describeLocations('Germany', 'Germany')).toBe('Germany')
    expect(describeLocations('Berlin, Germany', 'Paris, France')).toBe(
      'signed in from Berlin, Germany, now Paris, France',
    )
    expect(describeLocations(null, null)).toBeNull()
    expect(describeLocations(null, 'Germany')).toBe('Germany')
  })
})

describe('a city database (GEOIP_DATABASE), made by the test writer and read by the real reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-geo-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test.each([6, 4] as const)('IPv%i database: city and country, either record shape', (ipVersion) => {
    const file = path.join(dir, `city-v${ipVersion}.mmdb`)
    const networks = testCityNetworks.filter(([cidr]) => ipVersion === 6 || !cidr.includes(':'))
    fs.writeFileSync(file, writeMmdb(networks, { ipVersion }))
    expect(parseEnv({ GEOIP_DATABASE: file }).GEOIP_DATABASE).toBe(file)
    expect(locateIp('5.9.1.2', file)).toBe('Berlin, Germany') // GeoLite2's nested shape
    expect(locateIp('::ffff:5.9.200.7', file)).toBe('Berlin, Germany')
    expect(locateIp('212.27.48.10', file)).toBe('Paris, France') // DB-IP lite's flat shape
    expect(locateIp('8.8.8.8', file)).toBe('United States') // a country, no city
    expect(locateIp('5.10.0.1', file)).toBe('Unknown') // not in the data: never a guess
    expect(locateIp('10.0.0.1', file)).toBe('Local network')
    if (ipVersion === 6) expect(locateIp('2a01:4f8:c17::1', file)).toBe('Berlin, Germany')
  })
})

describe('GEOIP_DATABASE', () => {
  test('a file that does not exist stops the start with a line naming the variable', () => {
    expect(() => parseEnv({ GEOIP_DATABASE: '/nonexistent/GeoLite2-City.mmdb' })).toThrow(
      /GEOIP_DATABASE.*no such file/,
    )
  })
  test('a database without cities (the country file as GEOIP_DATABASE) gives countries only', () => {
    expect(parseEnv({ GEOIP_DATABASE: DEFAULT_GEOIP_DATABASE }).GEOIP_DATABASE).toBe(DEFAULT_GEOIP_DATABASE)
    expect(locateIp('193.99.144.80', DEFAULT_GEOIP_DATABASE)).toBe('Germany')
  })
})
