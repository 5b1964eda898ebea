import type { Prisma } from '~/generated/prisma/client.ts'
import type { EndReason } from '~/session/end-reasons.ts'

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
 * `endedAt: null` guard makes it idempotent under concurrent revocations.
 */
export async function endSessions(tx: Prisma.TransactionClient, where: Prisma.SessionWhereInput, ending: Ending) {
  const result = await tx.session.updateMany({
    where: { AND: [where, { endedAt: null }] },
    data: {
      endedAt: ending.now ?? new Date(),
      endReason: ending.reason,
      endedById: ending.actorId ?? null,
      endedByLabel: ending.actorLabel?.slice(0, 120) ?? null,
    },
  })
  return result.count
}
