// PostgreSQL for the schema-engine stand-in: @prisma/adapter-pg's factory is already
// migration-aware (it has connectToShadowDb), which is how Prisma's own `migrate.adapter`
// configs use it. Two things are changed here:
// - its shadow database is dropped while its own pool still holds a connection, so the
//   DROP fails and `prisma_migrate_shadow_db_*` databases pile up: end the pool first;
// - its result mapping refuses PostgreSQL's one-byte `"char"` type, which the engine's
//   catalogue queries read (pg_class.relkind, …): hand it over as text;
// - the one-shot `cli create-database|drop-database|can-connect-to-database` commands
//   the native engine answers, through a connection to the server's `postgres` database.
import { randomUUID } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

export const isPostgresUrl = (url) => /^postgres(ql)?:\/\//i.test(url ?? '')

const quote = (name) => `"${name.replace(/"/g, '""')}"`

function databaseName(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
  if (!name) throw new Error('The PostgreSQL URL names no database (postgresql://user@host:5432/<database>).')
  return name
}

/** The same server and user, connected to another database. */
function withDatabase(url, database) {
  const other = new URL(url)
  other.pathname = `/${encodeURIComponent(database)}`
  return other.toString()
}

async function onAdminConnection(url, work) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export function postgresDatabases(url) {
  const name = databaseName(url)
  return {
    name,
    exists: () =>
      onAdminConnection(url, async (client) => {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
        return rowCount > 0
      }),
    create: () => onAdminConnection(url, (client) => client.query(`CREATE DATABASE ${quote(name)}`)),
    drop: () => onAdminConnection(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)}`)),
  }
}

const CHAR_OID = 18
const TEXT_OID = 25

// Every connection and transaction object of the adapter shares this prototype (the
// classes are not exported); patched once, in this short-lived CLI process only.
function readCharAsText(adapter) {
  let proto = Object.getPrototypeOf(adapter)
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto)
  if (!proto || proto.performIO.readsCharAsText) return
  const performIO = proto.performIO
  proto.performIO = async function (query) {
    const result = await performIO.call(this, query)
    for (const field of result?.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID
    return result
  }
  proto.performIO.readsCharAsText = true
}

export function postgresAdapterFactory(url) {
  const factory = new PrismaPg({ connectionString: url })
  const connect = factory.connect.bind(factory)
  factory.connect = async () => {
    const adapter = await connect()
    readCharAsText(adapter)
    return adapter
  }
  factory.connectToShadowDb = async () => {
    // Named after its database (under PostgreSQL's 63-byte limit), so whose it is shows.
    const shadow = `${databaseName(url).slice(0, 40)}_shadow_${randomUUID().slice(0, 8)}`
    await onAdminConnection(url, (client) => client.query(`CREATE DATABASE ${quote(shadow)}`))
    const adapter = await new PrismaPg({ connectionString: withDatabase(url, shadow) }).connect()
    readCharAsText(adapter)
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      await dispose()
      await onAdminConnection(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(shadow)}`))
    }
    return adapter
  }
  return factory
}
