import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { db, dialect } from '~/db.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { liveHub, LiveHub, type Subscriber } from '~/session/live-hub.server.ts'
import { createLiveBus, liveBus } from '~/session/live/live-bus.server.ts'
import type { Authenticated } from '~/session/guards.server.ts'
import { createSession } from '~/session/session.server.ts'
import { renameOwnSession } from '~/unit-of-work/devices.server.ts'
import { ensureDatabase } from '../../../tests/setup/postgres-database.ts'
import { chromeOnWindows, firefoxOnLinux, makeUser } from '../../../tests/setup/factories.ts'

const until = async (condition: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

function stream(session: { id: string; userId: string }) {
  const events: string[] = []
  let closed = false
  const subscriber: Subscriber = {
    sessionId: session.id,
    userId: session.userId,
    since: null,
    send: (event) => events.push(event),
    ping: () => {},
    close: () => (closed = true),
  }
  return { subscriber, events, closed: () => closed }
}

async function signedIn() {
  const user = await makeUser()
  const { session } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
  return session
}

describe(`live bus of this process (${dialect})`, () => {
  test('a sign-out made here reaches the open stream at once, not at the next poll', async () => {
    expect(liveBus.kind).toBe(dialect)
    const session = await signedIn()
    const tab = stream(session)
    const unsubscribe = liveHub.subscribe(tab.subscriber)
    await until(() => liveBus.listener?.connected ?? true) // PostgreSQL: listening
    await liveHub.flush()
    await db.$transaction((tx) => endSessions(tx, { id: session.id }, { reason: 'revoked-by-user' }))
    const started = Date.now()
    await until(() => tab.closed(), 1_000) // the poll ticks every 1.5 s
    expect(tab.events).toEqual(['ended'])
    expect(Date.now() - started).toBeLessThan(1_000)
    unsubscribe()
  })

  test('a sign-out rolled back tells nothing; a new device is told to the other tabs', async () => {
    const session = await signedIn()
    const tab = stream(session)
    const unsubscribe = liveHub.subscribe(tab.subscriber)
    await liveHub.flush()
    await expect(
      db.$transaction(async (tx) => {
        await endSessions(tx, { id: session.id }, { reason: 'revoked-by-user' })
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    await liveHub.flush()
    expect(tab.closed()).toBe(false)
    await createSession({ userId: session.userId, persistent: false, client: firefoxOnLinux })
    await until(() => tab.events.includes('devices-changed'), 1_000)
    expect(tab.closed()).toBe(false)
    unsubscribe()
  })

  test('a rename reaches the other tabs at once, though no session started or ended', async () => {
    const user = await makeUser()
    const { session: phone } = await createSession({ userId: user.id, persistent: true, client: chromeOnWindows })
    const { session: laptop } = await createSession({ userId: user.id, persistent: true, client: firefoxOnLinux })
    const tab = stream(phone)
    const unsubscribe = liveHub.subscribe(tab.subscriber)
    await until(() => liveBus.listener?.connected ?? true)
    await liveHub.flush()
    expect(tab.events).toEqual([])
    const auth = { user, session: laptop } as unknown as Authenticated
    expect(await renameOwnSession(auth, laptop.id, 'Work laptop', '203.0.113.9')).toBe(true)
    await until(() => tab.events.includes('devices-changed'), 1_000)
    // A rename that matches nothing (not an active session of theirs) tells no one.
    tab.events.length = 0
    expect(await renameOwnSession(auth, 'no-such-session', 'Nothing', '203.0.113.9')).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await liveHub.flush()
    expect(tab.events).toEqual([])
    unsubscribe()
  })
})

// Another process writing to the same SQLite file: the poll's job (PostgreSQL needs none).
if (dialect === 'sqlite')
  describe('live bus on SQLite, changes by another process', () => {
    test('a sign-out written by another process is found by one aggregate query for all streams', async () => {
      const hub = new LiveHub(3_600_000) // ticks only when the test says
      createLiveBus('sqlite', { hub })
      const sessions = await Promise.all([signedIn(), signedIn(), signedIn()])
      const tabs = sessions.map((session) => stream(session))
      const unsubscribes = tabs.map((tab) => hub.subscribe(tab.subscriber))
      await hub.flush()
      const other = new Database(process.env.DATABASE_URL!.slice('file:'.length))
      other
        .prepare("UPDATE Session SET endedAt = ?, endReason = 'revoked-by-admin' WHERE id = ?")
        .run(Date.now(), sessions[1]!.id)
      other.close()
      const groupBy = vi.spyOn(db.session, 'groupBy').mockClear()
      await hub.tick()
      await hub.flush()
      expect(tabs.map((tab) => tab.closed())).toEqual([false, true, false])
      // The poll is one query for every stream (the changed user's re-check runs in a transaction).
      expect(groupBy).toHaveBeenCalledTimes(1)
      await hub.tick()
      expect(groupBy).toHaveBeenCalledTimes(2)
      groupBy.mockRestore()
      unsubscribes.forEach((unsubscribe) => unsubscribe())
    })
  })

describe('live bus on PostgreSQL (a bus of its own, whatever the app database)', () => {
  let writer: pg.Client
  const hub = new LiveHub(3_600_000) // ticks only when the test says
  let bus: ReturnType<typeof createLiveBus>

  beforeAll(async () => {
    const url = await ensureDatabase('doorman_pglive_unit')
    writer = new pg.Client({ connectionString: url })
    await writer.connect()
    bus = createLiveBus('postgresql', { hub, connectionString: url, log: () => {} })
  })
  afterAll(async () => {
    hub.closeAll()
    await bus.close()
    await writer.end()
  })

  // The writer's transaction, as Prisma's `tx` would run pg_notify in it.
  const inTransaction = async (
    work: (tx: { $executeRawUnsafe: (sql: string, ...values: unknown[]) => Promise<number> }) => Promise<void>,
  ) => {
    await writer.query('BEGIN')
    await work({ $executeRawUnsafe: async (sql, ...values) => (await writer.query(sql, values)).rowCount ?? 0 })
    await writer.query('COMMIT')
  }

  test('a notification committed elsewhere ends the stream; idle streams cost no query until the floor', async () => {
    // One after another: sign-ups share the bounded Argon2 pool (PASSWORD_HASH_QUEUE).
    const sessions: Awaited<ReturnType<typeof signedIn>>[] = []
    for (let n = 0; n < 20; n++) sessions.push(await signedIn())
    const tabs = sessions.map((session) => stream(session))
    tabs.forEach((tab) => hub.subscribe(tab.subscriber))
    await until(() => bus.listener!.connected)
    await hub.flush()

    const start = Date.now() + 3_600_000
    await hub.tick(start) // a floor re-check: the next one is due 30 s later
    await hub.flush()
    const findMany = vi.spyOn(db.session, 'findMany').mockClear()
    for (let tick = 1; tick <= 19; tick++) await hub.tick(start + tick * 1_500)
    expect(findMany).not.toHaveBeenCalled() // 28.5 s of ticks, 20 streams: nothing read

    await db.session.update({
      where: { id: sessions[0]!.id },
      data: { endedAt: new Date(), endReason: 'revoked-by-admin' },
    })
    await inTransaction((tx) => bus.publish(tx, [sessions[0]!.userId]))
    await until(() => tabs[0]!.closed(), 1_000)
    expect(tabs[0]!.events).toEqual(['ended'])
    expect(findMany).toHaveBeenCalledTimes(1) // only the changed user's streams

    await hub.tick(start + 30_000) // the floor re-checks everything, in one query
    await hub.flush()
    expect(findMany).toHaveBeenCalledTimes(2)
    findMany.mockRestore()
  })

  test('a rename ("list changed") committed elsewhere is told to the pages; one rolled back is not', async () => {
    const session = await signedIn()
    const tab = stream(session)
    hub.subscribe(tab.subscriber)
    await until(() => bus.listener!.connected)
    await hub.flush()
    // The device list's signature is the same before and after: only the message says so.
    await writer.query('BEGIN')
    await bus.publish(
      { $executeRawUnsafe: async (sql, ...values) => (await writer.query(sql, values)).rowCount ?? 0 },
      [session.userId],
      { listChanged: true },
    )
    await writer.query('ROLLBACK')
    await new Promise((resolve) => setTimeout(resolve, 300))
    await hub.flush()
    expect(tab.events).toEqual([])
    await inTransaction((tx) => bus.publish(tx, [session.userId], { listChanged: true }))
    await until(() => tab.events.includes('devices-changed'), 1_000)
    expect(tab.closed()).toBe(false)
  })

  test('a sign-out made while the listener was disconnected is caught by the re-check after reconnecting', async () => {
    const session = await signedIn()
    const tab = stream(session)
    hub.subscribe(tab.subscriber)
    await until(() => bus.listener!.connected)
    await hub.flush()
    // Ended with no notification at all, as if it was sent while the listener was away.
    await db.session.update({ where: { id: session.id }, data: { endedAt: new Date(), endReason: 'revoked-by-admin' } })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(tab.closed()).toBe(false)
    const pid = bus.listener!.pid
    await writer.query('SELECT pg_terminate_backend($1)', [pid])
    await until(() => tab.closed(), 5_000)
    expect(tab.events).toEqual(['ended'])
    expect(bus.listener!.pid).not.toBe(pid)
  })
})
