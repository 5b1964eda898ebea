import type { PrismaClient } from '~/generated/prisma/client.ts'
import type { RejectReason } from '~/session/end-reasons.ts'

// The two reads behind live updates, each one query per 500 open streams, whatever
// the number of tabs: the watched sessions' state, and a signature of each watched
// user's device list (it changes when a device signs in, signs out or is pruned).

export type Reader = Pick<PrismaClient, 'session'>
const BATCH = 500

export type SessionState = { ended: RejectReason | null; expiresAt: number }

export async function readSessionStates(db: Reader, ids: string[], now: Date) {
  const states = new Map<string, SessionState>()
  for (let start = 0; start < ids.length; start += BATCH) {
    const found = await db.session.findMany({
      where: { id: { in: ids.slice(start, start + BATCH) } },
      select: {
        id: true,
        endedAt: true,
        endReason: true,
        idleExpiresAt: true,
        absoluteExpiresAt: true,
        user: { select: { disabledAt: true } },
      },
    })
    for (const row of found) {
      const expiresAt = Math.min(row.idleExpiresAt.getTime(), row.absoluteExpiresAt.getTime())
      states.set(row.id, { ended: endedBecause(row, now), expiresAt })
    }
  }
  return states
}

export async function readDeviceSignatures(db: Reader, userIds: string[]) {
  const signatures = new Map<string, { signature: string; latest: number }>()
  for (let start = 0; start < userIds.length; start += BATCH) {
    const groups = await db.session.groupBy({
      by: ['userId'],
      where: { userId: { in: userIds.slice(start, start + BATCH) } },
      _max: { createdAt: true, endedAt: true },
      _count: { _all: true },
    })
    for (const group of groups) {
      const latest = Math.max(group._max.createdAt?.getTime() ?? 0, group._max.endedAt?.getTime() ?? 0)
      signatures.set(group.userId, { signature: `${latest}|${group._count._all}`, latest })
    }
  }
  return signatures
}

function endedBecause(
  row: {
    endedAt: Date | null
    endReason: string | null
    idleExpiresAt: Date
    absoluteExpiresAt: Date
    user: { disabledAt: Date | null }
  },
  now: Date,
): RejectReason | null {
  if (row.endedAt) return (row.endReason as RejectReason | null) ?? 'signed-out'
  if (row.user.disabledAt) return 'user-disabled'
  if (row.absoluteExpiresAt <= now) return 'absolute-expiry'
  if (row.idleExpiresAt <= now) return 'idle-expiry'
  return null
}
