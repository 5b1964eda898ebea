import type { Prisma } from '~/generated/prisma/client.ts'
import type { EndReason } from '~/session/end-reasons.ts'
import { liveBus } from '~/session/live/live-bus.server.ts'

export type Ending = {
  reason: EndReason
  now?: Date
  /** The user who ended it (the owner or an admin). */
  actorId?: string | null
  /** Who or what ended it, as history shows it, e.g. "Firefox 133 on Linux". */
  actorLabel?: string | null
}

/**
 * Ends every still-open session matching `where`, keeping the row (for history and so
 * that the victim's next request can say why). Returns how many it ended. The
 * `endedAt: null` guard makes it idempotent under concurrent revocations. Open pages of
 * the owners are told through the live bus, in the same transaction (decision 015).
 */
export async function endSessions(tx: Prisma.TransactionClient, where: Prisma.SessionWhereInput, ending: Ending) {
  return (await endSessionsOf(tx, where, ending)).length
}

/** `endSessions`, returning the owner of each session it ended (a bulk job mails them). */
export async function endSessionsOf(tx: Prisma.TransactionClient, where: Prisma.SessionWhereInput, ending: Ending) {
  const ended = await tx.session.updateManyAndReturn({
    where: { AND: [where, { endedAt: null }] },
    data: {
      endedAt: ending.now ?? new Date(),
      endReason: ending.reason,
      endedById: ending.actorId ?? null,
      endedByLabel: ending.actorLabel?.slice(0, 120) ?? null,
    },
    select: { userId: true },
  })
  const owners = ended.map((row) => row.userId)
  if (owners.length > 0) await liveBus.publish(tx, [...new Set(owners)])
  return owners
}
