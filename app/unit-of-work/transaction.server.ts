import { redirect } from '@remix-run/node'
import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { mailCommitted } from '~/mail/queue.server.ts'
import { isTransactionConflict } from '~/models/db-errors.server.ts'
import { writeGuard } from '~/models/guard.server.ts'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { ActorLostError, lockActor, type Actor } from '~/unit-of-work/actor.server.ts'

// Step 3 of every state change (docs/decisions/007-unit-of-work.md): one short
// transaction that first re-checks the actor, then makes the change and records it.
// Expensive work (password hashes, parsing) happens before, outside it.

export type Tx = Prisma.TransactionClient

const ATTEMPTS = 3

/**
 * Runs `work` in one transaction. PostgreSQL may abort one of two transactions that wait
 * on each other (a deadlock, P2034); that one is run again, from the start. Mail queued
 * in it (app/mail/queue.server.ts) is handed to the worker once it has committed.
 */
export async function transact<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const used: Tx[] = []
      const result = await db.$transaction((tx) => (used.push(tx), work(tx)))
      for (const tx of used) mailCommitted(tx)
      return result
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransactionConflict(error)) throw error
    }
  }
}

export type ActOptions = {
  /** The role the actor must still hold. */
  role?: 'admin'
  /**
   * A guard row (see app/models/guard.server.ts) to write first: changes that could
   * break an invariant spanning rows, or that lock rows of several users, queue on it.
   */
  guard?: string
}

/**
 * A change made by a signed-in person: re-checks, inside the transaction and before
 * anything else, that their session is still active and their account still enabled
 * (and still an administrator, when `role` says so). If not, nothing is changed and the
 * person is sent to the sign-in page saying why (or gets a 403 when only the role went).
 * The command line acts with no session: it is never re-checked.
 */
export async function act<T>(actor: Actor | null, work: (tx: Tx) => Promise<T>, options: ActOptions = {}): Promise<T> {
  try {
    return await transact(async (tx) => {
      if (options.guard) await writeGuard(tx, options.guard)
      if (actor) await lockActor(tx, actor, options.role)
      return work(tx)
    })
  } catch (error) {
    if (!(error instanceof ActorLostError)) throw error
    if (error.reason === 'not-admin')
      throw new Response('This needs an administrator, and you are not one any more.', { status: 403 })
    throw redirect(`/login?reason=${error.reason}`, { headers: { 'Set-Cookie': await clearSessionCookie() } })
  }
}
