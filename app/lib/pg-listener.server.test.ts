import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureDatabase } from '../../tests/setup/postgres-database.ts'
import { tcpProxy } from '../../tests/setup/tcp-proxy.ts'
import { chunkPayloads, PgListener } from './pg-listener.server.ts'

// Against the real PostgreSQL server: LISTEN/NOTIFY, reconnection after the listener's
// backend is killed, and after the database is unreachable for a while.

let url = ''
let writer: pg.Client
const listeners: PgListener[] = []

beforeAll(async () => {
  url = await ensureDatabase('doorman_pglive_unit')
  writer = new pg.Client({ connectionString: url })
  await writer.connect()
})

afterAll(async () => {
  await Promise.all(listeners.map((listener) => listener.close()))
  await writer.end()
})

const until = async (condition: () => boolean | Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function listen(channel: string, connectionString = url) {
  const received: string[] = []
  let connections = 0
  const listener = new PgListener({
    connectionString,
    channel,
    onNotify: (payload) => received.push(payload),
    onConnected: () => connections++,
    backoff: { minMs: 20, maxMs: 200 },
  })
  listeners.push(listener)
  listener.start()
  return { listener, received, connections: () => connections }
}

describe('PgListener', () => {
  test('hears a notification when its transaction commits, never from a rolled-back one', async () => {
    const { received, connections } = listen('pglive_commit')
    await until(() => connections() === 1)
    await writer.query('BEGIN')
    await writer.query("SELECT pg_notify('pglive_commit', 'u:rolled-back')")
    await writer.query('ROLLBACK')
    await writer.query('BEGIN')
    await writer.query("SELECT pg_notify('pglive_commit', 'u:committed')")
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(received).toEqual([]) // not before the commit
    await writer.query('COMMIT')
    await until(() => received.length === 1)
    expect(received).toEqual(['u:committed'])
  })

  test('reconnects after its backend is terminated and says so, then hears again', async () => {
    const { listener, received, connections } = listen('pglive_kill')
    await until(() => connections() === 1)
    const pid = listener.pid
    expect(pid).toBeGreaterThan(0)
    await writer.query('SELECT pg_terminate_backend($1)', [pid])
    await until(() => connections() === 2)
    expect(listener.pid).not.toBe(pid)
    await writer.query("SELECT pg_notify('pglive_kill', 'after')")
    await until(() => received.includes('after'))
  })

  test('keeps retrying while the database is unreachable and recovers when it returns', async () => {
    const proxy = tcpProxy({ host: '127.0.0.1', port: 5432 }, 4551)
    const { listener, received, connections } = listen('pglive_down', proxy.url('doorman_pglive_unit'))
    await new Promise((resolve) => setTimeout(resolve, 300)) // refused several times
    expect(connections()).toBe(0)
    await proxy.start()
    await until(() => connections() === 1)
    await proxy.stop() // the database "goes away" for this client
    await until(() => !listener.connected)
    await proxy.start()
    await until(() => connections() === 2)
    await writer.query("SELECT pg_notify('pglive_down', 'back')")
    await until(() => received.includes('back'))
    await listener.close()
    await proxy.stop()
  })

  test('close() ends its connection for good', async () => {
    const { listener, connections } = listen('pglive_close')
    await until(() => connections() === 1)
    const pid = listener.pid
    await listener.close()
    const alive = async () =>
      (await writer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1
    await until(async () => !(await alive()))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(connections()).toBe(1)
  })
})

describe('chunkPayloads', () => {
  test('splits long id lists into payloads under the NOTIFY limit, keeping every id once', () => {
    const ids = Array.from({ length: 1_000 }, (_, index) => `user-${index}-${'x'.repeat(20)}`)
    const payloads = chunkPayloads('u:', ids)
    expect(payloads.length).toBeGreaterThan(1)
    for (const payload of payloads) {
      expect(payload.startsWith('u:')).toBe(true)
      expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7_900)
    }
    expect(payloads.flatMap((payload) => payload.slice(2).split(','))).toEqual(ids)
    expect(chunkPayloads('u:', ['a', 'b'])).toEqual(['u:a,b'])
  })
})
