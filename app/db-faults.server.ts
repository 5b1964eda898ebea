import fs from 'node:fs'

// What can go wrong with the database file under a running server, told apart so that
// each gets an honest answer: a 503 with a plain sentence (and Retry-After when waiting
// helps), a reason in /healthz, one clear log line. Never a 500, and never a write
// acknowledged into a file that is no longer the database (deleted or replaced).

export type DbFault = 'read-only' | 'locked' | 'replaced' | 'unmigrated' | 'unavailable'

/** How long a writer waits for another process's lock before we answer 503. */
export const LOCK_WAIT_MS = 3000

const messages: Record<DbFault, string> = {
  'read-only': 'The database is read-only right now, so changes cannot be saved. Please try again later.',
  locked: 'The database is busy with other work. Please try again in a few seconds.',
  replaced: 'The database file was removed or replaced while Doorman was running. Doorman must be restarted.',
  unmigrated: 'Doorman is not set up: its database has not been migrated. Please tell the administrator.',
  unavailable: 'The database is not available right now. Please try again in a moment.',
}
const retryAfter: Partial<Record<DbFault, string>> = { 'read-only': '30', locked: '5', unavailable: '10' }

const patterns: [DbFault, RegExp][] = [
  ['read-only', /readonly database|SQLITE_READONLY|read-only file system/i],
  ['locked', /database is locked|SQLITE_BUSY|SQLITE_LOCKED|database table is locked/i],
  ['unmigrated', /no such table|no such column|P2021|P2022|does not exist in the current database/i],
  ['unavailable', /unable to open database|cannot open database|SQLITE_CANTOPEN|disk I\/O error|SQLITE_IOERR/i],
  // PostgreSQL: the server refused, dropped or timed out the connection, or is restarting.
  ['unmigrated', /relation "[^"]+" does not exist|\b42P01\b/],
  [
    'unavailable',
    /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)|\b57P0[1-3]\b|\b08(000|003|006|001|004)\b|Can't reach database server|\bP1001\b|\bP1017\b|Client has encountered a connection error/i,
  ],
]

/** Which fault an error from Prisma or the driver means, or null for a bug. */
export function classifyDbError(error: unknown): DbFault | null {
  if (error instanceof Response) return null
  const e = error as { message?: unknown; code?: unknown; meta?: unknown; cause?: unknown }
  const text = [e?.message, e?.code, JSON.stringify(e?.meta ?? null), String(e?.cause ?? ''), String(error)].join(' ')
  return patterns.find(([, pattern]) => pattern.test(text))?.[0] ?? null
}

const faults = new WeakMap<Response, DbFault>()

/** The 503 a fault is answered with (the error boundary renders its text). */
export function faultResponse(fault: DbFault): Response {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' }
  if (retryAfter[fault]) headers['Retry-After'] = retryAfter[fault]
  const response = new Response(messages[fault], { status: 503, headers })
  faults.set(response, fault)
  return response
}

/** The fault behind a Response thrown by the database layer, if it is one. */
export function faultOf(error: unknown): DbFault | null {
  return error instanceof Response ? (faults.get(error) ?? null) : null
}

// One log line per fault until it clears, not one per request.
let lastLogged: DbFault | null = null
function log(fault: DbFault, detail: string) {
  if (lastLogged === fault) return
  lastLogged = fault
  const advice = fault === 'unmigrated' ? ' Run `npx prisma migrate deploy` (npm start does it).' : ''
  console.error(`database ${fault}: ${detail}.${advice}`)
}

/** Rethrows a database error as its 503 Response; anything else unchanged. */
export function translateDbError(error: unknown): never {
  const fault = classifyDbError(error)
  if (!fault) throw error
  log(fault, error instanceof Error ? error.message.trim().split('\n').at(-1)! : String(error))
  if (fault === 'unmigrated') knownFault = 'unmigrated'
  throw faultResponse(fault)
}

/** A query that succeeded: a logged fault has cleared. */
export function noteSuccess() {
  if (lastLogged && lastLogged !== 'replaced') lastLogged = null
}

// The file the server opened, by device and inode: deleting or replacing it (a restore
// copied over it, `rm`) leaves our connection writing into a file nobody will read.
let opened: { file: string; dev: number; ino: number } | null = null
let knownFault: DbFault | null = null

function identity(file: string) {
  try {
    const stat = fs.statSync(file)
    return { dev: stat.dev, ino: stat.ino }
  } catch {
    return null
  }
}

/** Remembers which file is the database, and rechecks it every second. */
export function watchDatabaseFile(url: string) {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '')
  const now = identity(file)
  if (!now) return
  opened = { file, ...now }
  knownFault = null
  setInterval(databaseFault, 1000).unref()
}

/** Whether the database file is still the one we opened; throws the 503 if not. */
export function checkDatabaseFile() {
  if (!opened || knownFault === 'replaced') {
    if (knownFault === 'replaced') throw faultResponse('replaced')
    return
  }
  const now = identity(opened.file)
  if (now && now.dev === opened.dev && now.ino === opened.ino) return
  knownFault = 'replaced'
  log('replaced', `${opened.file} was ${now ? 'replaced by another file' : 'deleted'} while the server had it open`)
  throw faultResponse('replaced')
}

/** What /healthz reports: null when healthy, else the fault and its sentence. */
export function databaseFault(): { fault: DbFault; reason: string } | null {
  try {
    checkDatabaseFile()
  } catch {
    // knownFault is set by the check.
  }
  return knownFault ? { fault: knownFault, reason: messages[knownFault] } : null
}

/** Clears a remembered fault that a later successful check disproves (a migration ran). */
export function clearFault(fault: DbFault) {
  if (knownFault === fault) knownFault = null
}

const writes =
  /^(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|\$executeRaw|\$executeRawUnsafe)$/

export function isWrite(operation: string) {
  return writes.test(operation)
}

type Client = { $extends: (extension: object) => unknown; $disconnect: () => Promise<void> }

// A connection opened while the file was read-only stays read-only: once the file is
// writable again, reconnect (the next query opens a new connection) and redo its settings.
let reconnecting = false
function reconnectIfWritable(client: Client, prepare: (client: never) => Promise<void>) {
  if (reconnecting || !opened) return
  try {
    fs.closeSync(fs.openSync(opened.file, 'r+'))
  } catch {
    return
  }
  reconnecting = true
  client
    .$disconnect()
    .then(() => prepare(client as never))
    .catch((error: unknown) => console.error('database reconnect failed:', error))
    .finally(() => (reconnecting = false))
}

/**
 * Wraps a Prisma client so that every query and transaction answers a database fault
 * with its 503, and every write is refused (before and after it runs) when the file is
 * no longer the one we opened, so it is never acknowledged and then lost.
 */
export function withFaultHandling<T extends Client>(client: T, prepare: (client: T) => Promise<void>): T {
  const fail = (error: unknown): never => {
    if (classifyDbError(error) === 'read-only') reconnectIfWritable(extended, prepare)
    return translateDbError(error)
  }
  const extended: T = client.$extends({
    query: {
      async $allOperations({
        operation,
        args,
        query,
      }: {
        operation: string
        args: unknown
        query: (args: unknown) => Promise<unknown>
      }) {
        const write = isWrite(operation)
        if (write) checkDatabaseFile()
        try {
          const result = await query(args)
          noteSuccess()
          if (write) checkDatabaseFile()
          return result
        } catch (error) {
          fail(error)
        }
      },
    },
  }) as T
  // A transaction's BEGIN and COMMIT are not operations the extension sees.
  return new Proxy(extended, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (property !== '$transaction' || typeof value !== 'function') return value
      return async (...args: unknown[]) => {
        checkDatabaseFile()
        try {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          checkDatabaseFile()
          return result
        } catch (error) {
          fail(error)
        }
      }
    },
  })
}

/**
 * For writes a read can do without (recording activity): when the database refuses
 * writes, the page is still served and the write skipped; other errors still throw.
 */
export function skipWhenWritesRefused(error: unknown): void {
  const fault = faultOf(error)
  if (fault === 'read-only' || fault === 'locked' || fault === 'replaced') return
  throw error
}
