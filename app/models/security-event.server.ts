import {
  writeSecurityEvent,
  type SecurityLogEntry,
  type SecurityLogWriter,
  type SessionCoreEvent,
} from '~/session/security-log.server.ts'

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
  // Mail and account details (decision 019)
  'sign-in-not-me',
  'password-reset-requested',
  'password-reset',
  'email-change-requested',
  'email-changed',
  'name-changed',
  'mail-preferences-changed',
  'access-refused',
] as const

export type EventType = (typeof eventTypes)[number]

export type SecurityEventInput = SecurityLogEntry<EventType>

// Every type the session core records by itself must be one of ours.
type Covered<T extends EventType> = T
export type SessionCoreEvents = Covered<SessionCoreEvent>

/**
 * Appends one event. Pass the transaction client of the change it records, so that the
 * change and its record commit or fail together.
 */
export function recordEvent(tx: SecurityLogWriter, event: SecurityEventInput) {
  return writeSecurityEvent(tx, event)
}

export const EVENTS_PAGE_SIZE = 20

/**
 * A user's own security events, newest first, keyset-paginated by id (`before`), so a
 * deep page costs the same as the first.
 */
export async function listEventsForUser(db: SecurityLogWriter, userId: string, before?: number) {
  const rows = await db.securityEvent.findMany({
    where: { targetUserId: userId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: 'desc' },
    take: EVENTS_PAGE_SIZE + 1,
    select: { id: true, createdAt: true, type: true, actorId: true, ip: true, device: true, details: true },
  })
  const page = rows.slice(0, EVENTS_PAGE_SIZE)
  return { events: page, nextBefore: rows.length > EVENTS_PAGE_SIZE ? page.at(-1)!.id : null }
}
