import { execFileSync } from 'node:child_process'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDb } from '~/db.server.ts'
import type { PrismaClient } from '~/generated/prisma/client.ts'
import { prismaCli, root } from '../../tests/setup/paths.ts'
import { ensureDatabase } from '../../tests/setup/postgres-database.ts'
import { tcpProxy } from '../../tests/setup/tcp-proxy.ts'
import { isPostgresUnavailable } from './pg-unavailable.ts'

// PostgreSQL down, restarting or cutting connections: a plain 503, then recovery by
// itself. The database "goes down" through a TCP proxy we stop, or by terminating the
// app's backends; the machine's PostgreSQL server keeps running for everyone else.

const proxy = tcpProxy({ host: '127.0.0.1', port: 5432 }, 4554)
let client: PrismaClient
let admin: pg.Client

beforeAll(async () => {
  const url = await ensureDatabase('doorman_pglive_unavailable', { fresh: true })
  execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  })
  await proxy.start()
  client = createDb(proxy.url('doorman_pglive_unavailable'))
  admin = new pg.Client({ connectionString: url })
  await admin.connect()
})

afterAll(async () => {
  await client.$disconnect()
  await admin.end()
  await proxy.stop()
})

const outcome = async (work: () => Promise<unknown>) => {
  try {
    await work()
    return 'ok'
  } catch (error) {
    if (error instanceof Response) return `${error.status} ${await error.text()}`
    return `error: ${error instanceof Error ? error.message : String(error)}`
  }
}
const unavailable = '503 The database is not available right now. Please try again in a moment.'

describe('PostgreSQL unavailable', () => {
  test('down: 503 with a plain message; back: the same client serves again', async () => {
    expect(await outcome(() => client.user.count())).toBe('ok')
    await proxy.stop()
    expect(await outcome(() => client.user.count())).toBe(unavailable)
    expect(await outcome(() => client.user.count())).toBe(unavailable) // refused while down
    await proxy.start()
    let result = ''
    for (let tries = 0; tries < 20 && result !== 'ok'; tries++) result = await outcome(() => client.user.count())
    expect(result).toBe('ok')
  })

  test('its connections terminated (a restart, a failover): 503 at most once, then it reconnects', async () => {
    expect(await outcome(() => client.user.count())).toBe('ok')
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'doorman_pglive_unavailable' AND pid <> pg_backend_pid()",
    )
    const first = await outcome(() => client.user.count())
    expect([unavailable, 'ok']).toContain(first)
    expect(await outcome(() => client.user.count())).toBe('ok')
  })

  test('a bug is not a 503', async () => {
    const result = await outcome(() => client.$queryRawUnsafe('SELECT 1 / 0'))
    expect(result).toMatch(/^error: /)
    expect(isPostgresUnavailable(new Error('duplicate key value violates unique constraint'))).toBe(false)
  })

  test('recognises the codes of a server that is starting, stopping or out of connections', () => {
    for (const code of ['57P01', '57P03', '08006', '08001', '53300'])
      expect(isPostgresUnavailable({ meta: { driverAdapterError: { cause: { code } } } }), code).toBe(true)
    expect(
      isPostgresUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true)
    expect(isPostgresUnavailable({ meta: { driverAdapterError: { cause: { code: '23505' } } } })).toBe(false)
  })
})
