import { db, dialectOf, type Dialect } from '~/db.server.ts'
import { env } from '~/env.server.ts'
import { liveHub, type LiveHub } from '~/session/live-hub.server.ts'
import { chunkPayloads, PgListener } from '~/lib/pg-listener.server.ts'

// How a change to sessions reaches the open streams of every app instance (decision
// 015). One interface, two implementations, chosen by the database URL:
// - PostgreSQL: `publish` issues pg_notify inside the writer's transaction, so the
//   notification is delivered if and only if the change commits; one listening
//   connection per process hands notifications to its hub; a re-check of every
//   stream after each (re)connection and every 30 s is the floor.
// - SQLite: `publish` hands the change to this process's hub at once; a poll (one
//   aggregate for all open streams) catches writes made by the CLI or another process.

/** A transaction client (Prisma's `tx`), or anything that runs SQL in that transaction. */
type Notifier = { $executeRawUnsafe: (query: string, ...values: unknown[]) => PromiseLike<number> }

/**
 * `listChanged`: the device list changed in a way the re-check cannot see in its
 * signature (a rename), so the open pages are told without comparing.
 */
export type PublishOptions = { listChanged?: boolean }

export type LiveBus = {
  kind: Dialect
  /** Call inside the transaction that changes these users' sessions. */
  publish: (tx: Notifier, userIds: string[], options?: PublishOptions) => Promise<void>
  close: () => Promise<void>
  listener?: PgListener
}

export const CHANNEL = 'doorman_live'
/** Above this many users, one "everything changed" message replaces the id lists. */
const MANY_USERS = 1_000
const FLOOR_MS = 30_000

export function createLiveBus(
  kind: Dialect,
  options: { hub: LiveHub; connectionString?: string; log?: (message: string) => void },
): LiveBus {
  const { hub } = options
  if (kind === 'sqlite') {
    hub.configure({
      onTick: (hub) => hub.pollDeviceLists(),
      // A transaction waits for the writer's (the adapter serialises transactions),
      // so the re-check reads what the writer committed, never a rolled-back change.
      read: (work) => db.$transaction((tx) => work(tx)),
    })
    return {
      kind,
      publish: async (_tx, userIds, options) => void hub.changed(userIds, options),
      close: async () => {},
    }
  }

  const listener = new PgListener({
    connectionString: options.connectionString ?? '',
    channel: CHANNEL,
    onNotify: (payload) => {
      if (payload === '*') void hub.changedAll()
      else if (payload.startsWith('u:')) void hub.changed(payload.slice(2).split(','))
      else if (payload.startsWith('l:')) void hub.changed(payload.slice(2).split(','), { listChanged: true })
    },
    // Notifications sent while the listener was away are lost: re-check everything.
    onConnected: () => void hub.changedAll(),
    log: options.log ?? ((message) => console.warn(message)),
  })
  let lastFloor = Date.now()
  hub.configure({
    onSubscribe: () => listener.start(),
    onTick: (hub, now) => {
      if (now - lastFloor < FLOOR_MS) return
      lastFloor = now
      return hub.changedAll()
    },
  })
  return {
    kind,
    listener,
    publish: async (tx, userIds, options) => {
      if (userIds.length === 0) return
      // `l:` ("list changed") is never folded into `*`: a re-check of everyone would not see it.
      const payloads = options?.listChanged
        ? chunkPayloads('l:', userIds)
        : userIds.length > MANY_USERS
          ? ['*']
          : chunkPayloads('u:', userIds)
      for (const payload of payloads) await tx.$executeRawUnsafe('SELECT pg_notify($1, $2)', CHANNEL, payload)
    },
    close: () => listener.close(),
  }
}

function createFromEnv(): LiveBus {
  const config = env()
  const kind = dialectOf(config.DATABASE_URL)
  return createLiveBus(kind, {
    hub: liveHub,
    connectionString: config.LISTEN_DATABASE_URL ?? config.DATABASE_URL,
  })
}

// One bus per process; the listener connects only once a stream opens (never in the CLI).
const key = Symbol.for('doorman.live-bus')
const global = globalThis as { [key]?: LiveBus }
export const liveBus: LiveBus = (global[key] ??= createFromEnv())
