import { db } from '~/db.server.ts'
import { skipWhenWritesRefused } from '~/db-faults.server.ts'
import { env } from '~/env.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { locateIp } from '~/lib/geo/geoip.server.ts'
import { findSessionByTokenHash } from '~/session/session-lookup.server.ts'
import { deviceLabel, parseDevice, type ClientHints } from '~/session/device.ts'
import type { EndReason, RejectReason } from '~/session/end-reasons.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { liveBus } from '~/session/live/live-bus.server.ts'
import { writeSecurityEvent } from '~/session/security-log.server.ts'
import { sameBrowserFamily } from '~/session/theft.ts'
import { generatePublicId, generateSessionToken, hashSessionToken, isWellFormedToken } from '~/session/token.server.ts'

/** What a request tells us about the device it comes from. */
export type ClientInfo = {
  ip: string
  userAgent: string | null
  hints: Partial<ClientHints> | null
  /** navigator.maxTouchPoints, reported by the sign-in form when JavaScript runs. */
  touchPoints?: number | null
}

export type SessionUser = Prisma.UserGetPayload<{
  select: { id: true; email: true; name: true; role: true; disabledAt: true }
}>
export type ActiveSession = Prisma.SessionGetPayload<object>

export type Validation = { ok: true; session: ActiveSession; user: SessionUser } | { ok: false; reason: RejectReason }

/** Sessions that still let their cookie in at `now`. */
export function activeSessionWhere(now: Date): Prisma.SessionWhereInput {
  return { endedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } }
}

const earliest = (a: Date, b: Date) => (a < b ? a : b)

export type NewSession = { userId: string; persistent: boolean; client: ClientInfo; method?: string; now?: Date }

/**
 * Signs a user in on a new session (a sign-in never reuses one, so fixation is
 * impossible) and enforces the per-user cap by ending the least recently active.
 */
export function createSession(input: NewSession) {
  return db.$transaction((tx) => insertSession(tx, input))
}

/** createSession inside the caller's transaction (a sign-up or sign-in unit of work). */
export async function insertSession(tx: Prisma.TransactionClient, input: NewSession) {
  const { userId, persistent, client, now = new Date() } = input
  const config = env()
  const token = generateSessionToken()
  const device = parseDevice(client.userAgent, client.hints, client.touchPoints)
  const location = locateIp(client.ip)
  const absoluteExpiresAt = new Date(
    now.getTime() + (persistent ? config.SESSION_ABSOLUTE_LIFETIME : config.SESSION_ABSOLUTE_LIFETIME_SHORT),
  )
  const session = await tx.session.create({
    data: {
      id: generatePublicId(),
      tokenHash: hashSessionToken(token),
      userId,
      persistent,
      method: input.method ?? 'password',
      createdAt: now,
      lastActiveAt: now,
      reauthenticatedAt: now,
      idleExpiresAt: earliest(new Date(now.getTime() + config.SESSION_IDLE_TIMEOUT), absoluteExpiresAt),
      absoluteExpiresAt,
      signInIp: client.ip,
      lastIp: client.ip,
      signInLocation: location,
      lastLocation: location,
      ...device,
    },
  })
  await writeSecurityEvent(tx, {
    type: 'sign-in',
    actorId: userId,
    targetUserId: userId,
    sessionId: session.id,
    ip: client.ip,
    device: deviceLabel(session),
    details: { location },
  })
  await enforceSessionCap(tx, userId, session.id, now)
  await liveBus.publish(tx, [userId]) // the user's other open pages list a new device
  return { token, session }
}

async function enforceSessionCap(tx: Prisma.TransactionClient, userId: string, keepId: string, now: Date) {
  const cap = env().MAX_SESSIONS_PER_USER
  if (cap === 0) return
  const surplus = await tx.session.findMany({
    where: { userId, ...activeSessionWhere(now), id: { not: keepId } },
    orderBy: [{ lastActiveAt: 'desc' }, { createdAt: 'desc' }],
    skip: cap - 1,
    select: { id: true },
  })
  if (surplus.length === 0) return
  const ids = surplus.map((session) => session.id)
  await endSessions(tx, { id: { in: ids } }, { reason: 'session-cap', now })
  await writeSecurityEvent(tx, {
    type: 'session-cap-evicted',
    targetUserId: userId,
    sessionId: keepId,
    details: { ended: ids, cap },
  })
}

/**
 * Checks a cookie's token: one indexed lookup by its hash, which also reads the user.
 * Marks a session that has just expired (or looks stolen) as ended, so that its history
 * says why, and touches activity at most once per SESSION_TOUCH_INTERVAL.
 */
export async function validateSessionToken(
  token: unknown,
  client: ClientInfo,
  now = new Date(),
  // Background traffic (the live stream) checks the session without counting as activity.
  options: { touch?: boolean } = {},
): Promise<Validation> {
  if (!isWellFormedToken(token)) return { ok: false, reason: 'unknown' }
  const row = await findSessionByTokenHash(hashSessionToken(token))
  if (!row) return { ok: false, reason: 'unknown' }
  const { user, session } = row
  if (session.endedAt) return { ok: false, reason: (session.endReason as EndReason | null) ?? 'signed-out' }

  const ending = whyItEnds(session, user, client, now)
  if (ending) {
    await endOne(session, user.id, ending, client, now)
    return { ok: false, reason: ending }
  }
  if (options.touch === false) return { ok: true, session, user }
  return { ok: true, session: await touchSession(session, client.ip, now), user }
}

function whyItEnds(session: ActiveSession, user: SessionUser, client: ClientInfo, now: Date): EndReason | null {
  if (user.disabledAt) return 'user-disabled'
  if (session.absoluteExpiresAt <= now) return 'absolute-expiry'
  if (session.idleExpiresAt <= now) return 'idle-expiry'
  if (env().THEFT_DETECTION && looksStolen(session, client)) return 'suspected-theft'
  return null
}

/**
 * A cookie replayed from another browser or OS. Compares only the families in the UA
 * string, which every request carries; client hints vary between requests.
 */
function looksStolen(session: ActiveSession, client: ClientInfo) {
  // The UA it signed in with, unchanged: same families, no parse (~22 µs) on the hot path.
  if ((client.userAgent ?? '') === session.userAgent) return false
  return !sameBrowserFamily(session, parseDevice(client.userAgent, null))
}

async function endOne(session: ActiveSession, userId: string, reason: EndReason, client: ClientInfo, now: Date) {
  await db.$transaction(async (tx) => {
    const ended = await endSessions(tx, { id: session.id }, { reason, now })
    if (ended > 0 && reason === 'suspected-theft') {
      const seen = deviceLabel(parseDevice(client.userAgent, client.hints))
      await writeSecurityEvent(tx, {
        type: 'suspected-theft',
        targetUserId: userId,
        sessionId: session.id,
        ip: client.ip,
        device: deviceLabel(session),
        details: { seenFrom: seen, location: locateIp(client.ip) },
      })
    }
  })
}

/**
 * Records activity: last-active time, last IP and the sliding idle expiry, at most once
 * per touch interval whatever the request rate, and never past the absolute expiry. The
 * write is conditional on the row being unchanged and not ended, so concurrent requests
 * make one write between them and a touch never revives a session signed out meanwhile.
 */
export async function touchSession(session: ActiveSession, ip: string, now = new Date()): Promise<ActiveSession> {
  const config = env()
  if (now.getTime() - session.lastActiveAt.getTime() < config.SESSION_TOUCH_INTERVAL) return session
  const data = {
    lastActiveAt: now,
    lastIp: ip,
    // Looked up only when the address changes, inside the same rate-limited write.
    lastLocation: ip === session.lastIp ? session.lastLocation : locateIp(ip),
    idleExpiresAt: earliest(new Date(now.getTime() + config.SESSION_IDLE_TIMEOUT), session.absoluteExpiresAt),
  }
  // A read-only or busy database still serves pages; only the activity mark waits.
  const written = await db.session
    .updateMany({ where: { id: session.id, endedAt: null, lastActiveAt: session.lastActiveAt }, data })
    .then(
      () => true,
      (error: unknown) => skipWhenWritesRefused(error),
    )
  return written ? { ...session, ...data } : session
}
