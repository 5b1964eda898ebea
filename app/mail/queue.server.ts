import { db } from '~/db.server.ts'
import { Prisma } from '~/generated/prisma/client.ts'

// The durable mail queue: a request only inserts a row; the worker (worker.server.ts)
// sends it. An insert wakes the worker of this process at once; others poll.

export type MailInput = {
  kind: string
  to: string
  subject: string
  text: string
  userId?: string | null
  /** At most one message per key, ever: a second enqueue with the same key is dropped. */
  dedupeKey?: string
}

const listeners = new Set<() => void>()

/** Called after every enqueue in this process (the worker's wake-up). */
export function onEnqueued(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Queues one message; false when its dedupe key was already used. */
export async function enqueueMail(input: MailInput): Promise<boolean> {
  try {
    await db.mailMessage.create({
      data: {
        kind: input.kind,
        to: input.to,
        subject: input.subject,
        text: input.text,
        userId: input.userId ?? null,
        dedupeKey: input.dedupeKey ?? null,
      },
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false
    throw error
  }
  for (const listener of listeners) listener()
  return true
}

/**
 * Runs a mail hook after the change it reports has committed. Mail must never fail the
 * request that caused it, so an error here is logged, not thrown.
 */
export async function safely(what: string, hook: () => Promise<unknown>) {
  try {
    await hook()
  } catch (error) {
    console.error(`mail: ${what} not queued:`, error instanceof Response ? 'database unavailable' : error)
  }
}
