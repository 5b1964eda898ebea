import type { Prisma } from '~/generated/prisma/client.ts'

// The durable mail queue, as a transactional outbox: a change inserts its mail row in its
// own transaction (`enqueueMail(tx, …)`), so the mail exists exactly when the change
// committed; a crash in between cannot lose one. The worker (worker.server.ts) sends it.
// A commit that queued mail wakes the worker of this process at once; others poll.

export type MailWriter = Pick<Prisma.TransactionClient, 'mailMessage'>

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
// Transactions that queued mail and have not reported their commit yet.
const queuedIn = new WeakSet<object>()

/** Called after every commit that queued mail in this process (the worker's wake-up). */
export function onEnqueued(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Wakes this process's worker now (held mail was released, say). */
export function wakeMailWorker() {
  for (const listener of listeners) listener()
}

/**
 * Queues one message in the caller's transaction; false when its dedupe key was already
 * used. The caller must make a dedupe check race-free (hold a row both racers write).
 */
export async function enqueueMail(tx: MailWriter, input: MailInput): Promise<boolean> {
  if (input.dedupeKey) {
    const taken = await tx.mailMessage.findUnique({ where: { dedupeKey: input.dedupeKey }, select: { id: true } })
    if (taken) return false
  }
  await tx.mailMessage.create({
    data: {
      kind: input.kind,
      to: input.to,
      subject: input.subject,
      text: input.text,
      userId: input.userId ?? null,
      dedupeKey: input.dedupeKey ?? null,
    },
  })
  queuedIn.add(tx)
  return true
}

/** The transaction helper calls this once `tx` has committed: mail it queued is due now. */
export function mailCommitted(tx: object) {
  if (queuedIn.delete(tx)) wakeMailWorker()
}
