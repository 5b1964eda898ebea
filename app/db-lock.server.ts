import { AsyncLocalStorage } from 'node:async_hooks'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils'

// Prisma's better-sqlite3 adapter has ONE connection. Its transactions queue behind each
// other (a mutex in startTransaction), but a plain query does not: issued while another
// request's interactive transaction is open, it runs on the same connection, inside that
// transaction, and is rolled back with it. This module puts every statement of the
// connection behind one first-come, first-served lock that a transaction holds from BEGIN
// to COMMIT/ROLLBACK, so other requests' queries wait for it (transactions are kept short:
// bulk jobs commit in small batches, see docs/decisions/009). SQLite only: a PostgreSQL pool
// gives each transaction its own connection. Why not a second connection: docs/decisions/009.

/** A first-come, first-served lock: `acquire` resolves with the function that releases it. */
export class FifoLock {
  #tail: Promise<void> = Promise.resolve()

  acquire(): Promise<() => void> {
    let open!: () => void
    const released = new Promise<void>((resolve) => (open = resolve))
    const turn = this.#tail
    this.#tail = turn.then(() => released)
    let done = false
    const release = () => {
      if (done) return
      done = true
      open()
    }
    return turn.then(() => release)
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
}

// Marks the code inside a `$transaction(async (tx) => …)` callback. A query there on the
// shared client instead of `tx` would wait for the lock its own transaction holds: a
// deadlock until Prisma's transaction timeout. It fails at once with this message instead.
const insideTransaction = new AsyncLocalStorage<{ open: boolean }>()
export const NESTED_QUERY_MESSAGE =
  'A query on the shared database client ran inside a $transaction callback, where it would wait for that transaction forever: use the callback’s `tx`.'

function refuseInsideOwnTransaction() {
  if (insideTransaction.getStore()?.open) throw new Error(NESTED_QUERY_MESSAGE)
}

function lockedTransaction(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'commit' || property === 'rollback')
        return async () => {
          try {
            await target[property]()
          } finally {
            release()
          }
        }
      const value = Reflect.get(target, property, receiver) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

function lockedAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new FifoLock()
  const exclusive = <T>(work: () => Promise<T>) => {
    refuseInsideOwnTransaction()
    return lock.run(work)
  }
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => exclusive(() => adapter.queryRaw(query)),
    executeRaw: (query) => exclusive(() => adapter.executeRaw(query)),
    executeScript: (script) => exclusive(() => adapter.executeScript(script)),
    async startTransaction(isolationLevel) {
      refuseInsideOwnTransaction()
      const release = await lock.acquire()
      try {
        return lockedTransaction(await adapter.startTransaction(isolationLevel), release)
      } catch (error) {
        release()
        throw error
      }
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  }
}

/** Wraps a SQLite driver adapter factory so that transactions cannot swallow other queries. */
export function withTransactionLock(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => lockedAdapter(await factory.connect()),
  }
}

type TransactionRunner = { $transaction: (...args: never[]) => Promise<unknown> }

/**
 * Marks interactive transaction callbacks of `client` (see `refuseInsideOwnTransaction`).
 * The array form of `$transaction` runs its queries on the transaction itself: unchanged.
 */
export function markTransactionCallbacks<C extends TransactionRunner>(client: C): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (property !== '$transaction' || typeof value !== 'function') return value
      return (work: unknown, options?: unknown) => {
        if (typeof work !== 'function') return value.call(target, work, options)
        const scope = { open: true }
        const marked = (tx: unknown) => insideTransaction.run(scope, () => (work as (tx: unknown) => unknown)(tx))
        return (value.call(target, marked, options) as Promise<unknown>).finally(() => (scope.open = false))
      }
    },
  })
}
