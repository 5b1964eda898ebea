import ipaddr from 'ipaddr.js'

// A small MaxMind DB writer for tests: a city database of a few networks, made on the
// spot, so that the GEOIP_DATABASE path is tested with a real file and the real reader
// (`maxmind`). It follows the MaxMind DB format 2.0 specification
// (maxmind.github.io/MaxMind-DB): a binary search tree over the address bits (24-bit
// records), 16 zero bytes, the data section, then "\xAB\xCD\xEFMaxMind.com" and the
// metadata map. Enough for tests: no pointers (nothing is deduplicated), networks must not
// overlap, and the values are strings, unsigned integers below 2^32, booleans, maps and
// arrays. An IPv6 database keeps IPv4 networks under ::/96, where readers look for them.

export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue }

type Leaf = { data: number }
type Node = { children: [Node | Leaf | null, Node | Leaf | null] }

const TYPE = { string: 2, uint32: 6, map: 7, array: 11, boolean: 14 } as const

function controlBytes(type: number, size: number): Buffer {
  const [low, extra] =
    size < 29
      ? [size, Buffer.alloc(0)]
      : size < 285
        ? [29, Buffer.from([size - 29])]
        : size < 65_821
          ? [30, Buffer.from([(size - 285) >> 8, (size - 285) & 0xff])]
          : [31, Buffer.from([(size - 65_821) >> 16, ((size - 65_821) >> 8) & 0xff, (size - 65_821) & 0xff])]
  // Types above 7 are "extended": 0 in the control byte's type bits, then type - 7.
  const head = type <= 7 ? [(type << 5) | low] : [low, type - 7]
  return Buffer.concat([Buffer.from(head), extra])
}

function uintBytes(value: number): Buffer {
  const bytes: number[] = []
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from(bytes)
}

export function encodeValue(value: MmdbValue): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8')
    return Buffer.concat([controlBytes(TYPE.string, bytes.length), bytes])
  }
  if (typeof value === 'boolean') return controlBytes(TYPE.boolean, value ? 1 : 0)
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** 32) throw new Error(`unsupported number ${value}`)
    const bytes = uintBytes(value)
    return Buffer.concat([controlBytes(TYPE.uint32, bytes.length), bytes])
  }
  if (Array.isArray(value))
    return Buffer.concat([controlBytes(TYPE.array, value.length), ...value.map((item) => encodeValue(item))])
  const entries = Object.entries(value)
  return Buffer.concat([
    controlBytes(TYPE.map, entries.length),
    ...entries.flatMap(([key, item]) => [encodeValue(key), encodeValue(item)]),
  ])
}

/** The network's leading bits, in the tree's address width (IPv4 under ::/96 in an IPv6 tree). */
function networkBits(cidr: string, ipVersion: 4 | 6): number[] {
  const [address, length] = ipaddr.parseCIDR(cidr)
  if (ipVersion === 4 && address.kind() === 'ipv6') throw new Error(`${cidr} in an IPv4 database`)
  const prefix = address.kind() === 'ipv4' && ipVersion === 6 ? new Array<number>(96).fill(0) : []
  const bits = address.toByteArray().flatMap((byte) => [7, 6, 5, 4, 3, 2, 1, 0].map((shift) => (byte >> shift) & 1))
  return [...prefix, ...bits.slice(0, length)]
}

/** A MaxMind DB file's bytes: each network (CIDR) maps to its record. */
export function writeMmdb(
  networks: Array<[cidr: string, record: MmdbValue]>,
  { ipVersion = 6, databaseType = 'Doorman-Test-City' }: { ipVersion?: 4 | 6; databaseType?: string } = {},
): Buffer {
  const root: Node = { children: [null, null] }
  const chunks: Buffer[] = []
  let dataSize = 0
  for (const [cidr, record] of networks) {
    const bits = networkBits(cidr, ipVersion)
    if (bits.length === 0) throw new Error('a network needs at least one bit')
    let node = root
    for (const bit of bits.slice(0, -1)) {
      const next = node.children[bit]
      if (next && 'data' in next) throw new Error(`${cidr} overlaps another network`)
      node = next ?? (node.children[bit] = { children: [null, null] })
    }
    if (node.children[bits.at(-1)!]) throw new Error(`${cidr} overlaps another network`)
    node.children[bits.at(-1)!] = { data: dataSize }
    const encoded = encodeValue(record)
    chunks.push(encoded)
    dataSize += encoded.length
  }
  // Nodes are numbered breadth first; the root is node 0.
  const nodes: Node[] = [root]
  for (let index = 0; index < nodes.length; index++)
    for (const child of nodes[index]!.children) if (child && 'children' in child) nodes.push(child)
  const numbers = new Map(nodes.map((node, index) => [node, index]))
  const nodeCount = nodes.length
  const recordValue = (child: Node | Leaf | null) =>
    child === null ? nodeCount : 'data' in child ? nodeCount + 16 + child.data : numbers.get(child)!
  const tree = Buffer.alloc(nodeCount * 6)
  nodes.forEach((node, index) => {
    tree.writeUIntBE(recordValue(node.children[0]), index * 6, 3)
    tree.writeUIntBE(recordValue(node.children[1]), index * 6 + 3, 3)
  })
  const metadata = encodeValue({
    node_count: nodeCount,
    record_size: 24,
    ip_version: ipVersion,
    database_type: databaseType,
    languages: ['en'],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: Math.floor(Date.now() / 1000),
    description: { en: 'A test database made by tests/support/mmdb-writer.ts' },
  })
  const marker = Buffer.concat([Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com')])
  return Buffer.concat([tree, Buffer.alloc(16), ...chunks, marker, metadata])
}

/**
 * The city database the tests use: Berlin in GeoLite2's nested shape, Paris in DB-IP
 * lite's flat shape, and a network that names a country but no city.
 */
export const testCityNetworks: Array<[string, MmdbValue]> = [
  [
    '5.9.0.0/16',
    {
      city: { geoname_id: 2950159, names: { en: 'Berlin', de: 'Berlin' } },
      country: { geoname_id: 2921044, iso_code: 'DE', names: { en: 'Germany', de: 'Deutschland' } },
    },
  ],
  ['2a01:4f8::/32', { city: { names: { en: 'Berlin' } }, country: { iso_code: 'DE' } }],
  ['212.27.48.0/24', { city: 'Paris', country_code: 'FR' }],
  ['8.8.8.0/24', { country: { iso_code: 'US', names: { en: 'United States' } } }],
]
