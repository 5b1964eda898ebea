import type { Prisma } from '~/generated/prisma/client.ts'

/** Every kind of security event; the UI has one sentence for each. */
export const eventTypes = [
  'signup',
  'sign-in',
  'sign-in-failed',
  'sign-in-throttled',
  'sign-out',
  'reauthenticated',
  'reauth-failed',
  'session-revoked',
  'sessions-revoked',
  'session-renamed',
  'password-changed',
  'role-changed',
  'user-disabled',
  'user-enabled',
  'session-cap-evicted',
  'suspected-theft',
  'admin-revoked-everyone',
  'admin-revoked-by-rule',
  'access-refused',
] as const

export type EventType = (typeof eventTypes)[number]

export type SecurityEventInput = {
  type: EventType
  actorId?: string | null
  targetUserId?: string | null
  sessionId?: string | null
  ip?: string | null
  device?: string | null
  details?: Record<string, unknown>
}

type Writer = Pick<Prisma.TransactionClient, 'securityEvent'>

/**
 * Appends one event. Pass the transaction client of the change it records, so that the
 * change and its record commit or fail together.
 */
export function recordEvent(tx: Writer, event: SecurityEventInput) {
  return tx.securityEvent.create({
    data: {
      type: event.type,
      actorId: event.actorId ?? null,
      targetUserId: event.targetUserId ?? null,
      sessionId: event.sessionId ?? null,
      ip: event.ip ?? null,
      device: event.device?.slice(0, 120) ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    },
  })
}

export const EVENTS_PAGE_SIZE = 20

/**
 * A user's own security events, newest first, keyset-paginated by id (`before`), so a
 * deep page costs the same as the first.
 */
export async function listEventsForUser(
  db: { securityEvent: Writer['securityEvent'] },
  userId: string,
  before?: number,
) {
  const rows = await db.securityEvent.findMany({
    where: { targetUserId: userId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: 'desc' },
    take: EVENTS_PAGE_SIZE + 1,
    select: { id: true, createdAt: true, type: true, actorId: true, ip: true, device: true, details: true },
  })
  const page = rows.slice(0, EVENTS_PAGE_SIZE)
  return { events: page, nextBefore: rows.length > EVENTS_PAGE_SIZE ? page.at(-1)!.id : null }
}
