import fs from 'node:fs'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { FifoLock, NESTED_QUERY_MESSAGE } from '~/db-lock.server.ts'
import { createDb } from '~/db.server.ts'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { tmpDir } from '../tests/setup/paths.ts'

// Two "requests" in one process: A opens a transaction, writes, waits (as a unit of work
// does between statements) and fails; B writes meanwhile through the same client.

const file = path.join(tmpDir, `db-lock-${process.pid}.db`)
fs.copyFileSync(process.env.DATABASE_URL!.replace(/^file:/, ''), file)
const url = `file:${file}`
const clients: Array<{ $disconnect(): Promise<void> }> = []
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()))
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
})

function signal() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let n = 0
const fields = () => ({
  id: `lock-${process.pid}-${++n}`,
  email: `lock-${process.pid}-${n}@example.com`,
  passwordHash: 'x',
})
const newUser = (db: PrismaClient) => db.user.create({ data: fields() })

/** Request A's failing transaction, with request B's write issued while it is open. */
async function racedWrite(db: PrismaClient) {
  const target = await newUser(db)
  const opened = signal()
  // Request B runs in its own async context, started when A's transaction is open.
  const writeOfB = opened.promise.then(() => db.user.update({ where: { id: target.id }, data: { name: 'B wrote' } }))
  const failed = db
    .$transaction(async (tx) => {
      await tx.user.create({ data: { ...fields(), email: `a-${target.email}` } })
      opened.resolve()
      await sleep(50)
      throw new Error('request A fails')
    })
    .catch((error: unknown) => error)
  expect(String(await failed)).toContain('request A fails')
  await writeOfB
  const [b, a] = await Promise.all([
    db.user.findUnique({ where: { id: target.id } }),
    db.user.findUnique({ where: { email: `a-${target.email}` } }),
  ])
  return { nameAfter: b?.name ?? null, aKept: a !== null }
}

describe('a transaction on the shared SQLite connection', () => {
  test('does not roll back another request’s write issued while it was open', async () => {
    const db = createDb(url)
    clients.push(db)
    expect(await racedWrite(db)).toEqual({ nameAfter: 'B wrote', aKept: false })
  })

  test('the adapter as shipped does (why the lock exists)', async () => {
    const raw = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) })
    clients.push(raw)
    expect(await racedWrite(raw)).toEqual({ nameAfter: null, aKept: false })
  })

  test('another request’s read waits for the commit instead of seeing uncommitted rows', async () => {
    const db = createDb(url)
    clients.push(db)
    const { email, ...rest } = fields()
    const opened = signal()
    const seen = opened.promise.then(() => db.user.findUnique({ where: { email } }))
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: { ...rest, email } })
      opened.resolve()
      await sleep(30)
    })
    expect(await seen).not.toBeNull()
  })

  test('a query on the shared client inside its own transaction fails at once, not after a timeout', async () => {
    const db = createDb(url)
    clients.push(db)
    const started = Date.now()
    const error = await db
      .$transaction(async () => {
        await db.user.count()
      })
      .catch((thrown: unknown) => thrown)
    expect(String(error)).toContain(NESTED_QUERY_MESSAGE)
    expect(Date.now() - started).toBeLessThan(2_000)
    // The lock was released: the client still works.
    expect(await db.user.count()).toBeGreaterThanOrEqual(0)
  })
})

describe('FifoLock', () => {
  test('serves waiters in order, one at a time', async () => {
    const lock = new FifoLock()
    const order: string[] = []
    let inside = 0
    const job = (name: string, ms: number) =>
      lock.run(async () => {
        inside++
        expect(inside).toBe(1)
        order.push(name)
        await sleep(ms)
        inside--
      })
    await Promise.all([job('first', 20), job('second', 1), job('third', 5)])
    expect(order).toEqual(['first', 'second', 'third'])
  })

  test('a failing holder still releases it', async () => {
    const lock = new FifoLock()
    await expect(lock.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await lock.run(() => Promise.resolve('next'))).toBe('next')
  })
})
