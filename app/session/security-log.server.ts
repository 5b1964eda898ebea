import type { Prisma } from '~/generated/prisma/client.ts'

// The session core's own writer for the append-only security log. The list of every
// event type (and the reading side) lives in app/models/security-event.server.ts, which
// writes through here too; the session core only records what it does by itself.

/** The events the session core records: sign-ins, cap evictions and the theft signal. */
export type SessionCoreEvent = 'sign-in' | 'session-cap-evicted' | 'suspected-theft' | 'sign-out'

export type SecurityLogEntry<Type extends string = string> = {
  type: Type
  actorId?: string | null
  targetUserId?: string | null
  sessionId?: string | null
  ip?: string | null
  device?: string | null
  details?: Record<string, unknown>
}

export type SecurityLogWriter = Pick<Prisma.TransactionClient, 'securityEvent'>

/**
 * Appends one event. Pass the transaction client of the change it records, so that the
 * change and its record commit or fail together.
 */
export function writeSecurityEvent<Type extends string>(tx: SecurityLogWriter, event: SecurityLogEntry<Type>) {
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
