import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { dayBounds, type AuditQuery } from '~/lib/admin/audit-query.ts'
import { yieldToEventLoop } from '~/lib/yield.server.ts'
import { normalizeEmail } from '~/models/user.server.ts'

// The audit log: every security event, newest first, keyset-paginated by id so that a
// deep page costs the same as the first. Shared by the page and the CSV export.

export const AUDIT_PAGE_SIZE = 50

const eventSelect = {
  id: true,
  createdAt: true,
  type: true,
  actorId: true,
  targetUserId: true,
  sessionId: true,
  ip: true,
  device: true,
  details: true,
} as const
export type AuditEvent = Prisma.SecurityEventGetPayload<{ select: typeof eventSelect }> & {
  actorEmail: string | null
  targetEmail: string | null
}

async function userIdByEmail(email: string | undefined) {
  if (!email) return undefined
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true } })
  return user?.id ?? null
}

async function firstIdFrom(date: Date) {
  const row = await db.securityEvent.findFirst({
    where: { createdAt: { gte: date } },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  })
  return row?.id ?? null
}

/**
 * The filters as a Prisma where, or null when they cannot match anything (an unknown
 * email). Dates also become an id range (ids follow time), which keeps every query on
 * an index range: without it, "last March" would scan all of April's events first.
 */
export async function auditWhere(query: AuditQuery): Promise<Prisma.SecurityEventWhereInput | null> {
  const { since, until } = dayBounds(query)
  const [actorId, targetUserId, fromId, untilId] = await Promise.all([
    userIdByEmail(query.actor),
    userIdByEmail(query.target),
    since ? firstIdFrom(since) : undefined,
    until ? firstIdFrom(until) : undefined,
  ])
  if (actorId === null || targetUserId === null || fromId === null) return null
  const id: Prisma.IntFilter = {}
  if (fromId !== undefined) id.gte = fromId
  if (untilId !== undefined && untilId !== null) id.lt = untilId
  return {
    ...(query.type ? { type: query.type } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetUserId ? { targetUserId } : {}),
    ...(since || until ? { createdAt: { ...(since ? { gte: since } : {}), ...(until ? { lt: until } : {}) } } : {}),
    ...(Object.keys(id).length > 0 ? { id } : {}),
  }
}

/** Adds the actor's and target's emails, with one query per batch. */
export async function withEmails<T extends { actorId: string | null; targetUserId: string | null }>(events: T[]) {
  const ids = [
    ...new Set(
      events.flatMap((event) => [event.actorId, event.targetUserId]).filter((id): id is string => Boolean(id)),
    ),
  ]
  const users =
    ids.length > 0 ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : []
  const emails = new Map(users.map((user) => [user.id, user.email]))
  return events.map((event) => ({
    ...event,
    actorEmail: event.actorId ? (emails.get(event.actorId) ?? null) : null,
    targetEmail: event.targetUserId ? (emails.get(event.targetUserId) ?? null) : null,
  }))
}

const and = (where: Prisma.SecurityEventWhereInput, id: Prisma.IntFilter): Prisma.SecurityEventWhereInput => ({
  AND: [where, { id }],
})

/** One page: `before` goes to older events, `after` back to newer ones. */
export async function listAuditEvents(query: AuditQuery, limit = AUDIT_PAGE_SIZE) {
  const where = await auditWhere(query)
  if (!where) return { events: [] as AuditEvent[], olderBefore: null, newerAfter: null }
  const newerFirst = query.after === undefined
  const rows = await db.securityEvent.findMany({
    where:
      query.after !== undefined
        ? and(where, { gt: query.after })
        : query.before !== undefined
          ? and(where, { lt: query.before })
          : where,
    orderBy: { id: newerFirst ? 'desc' : 'asc' },
    take: limit + 1,
    select: eventSelect,
  })
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  if (!newerFirst) page.reverse()
  const [first, last] = [page[0], page.at(-1)]
  const exists = async (id: Prisma.IntFilter) =>
    (await db.securityEvent.findFirst({ where: and(where, id), select: { id: true } })) !== null
  // Coming from a newer page, `more` says whether older ones exist, and the other way round.
  const hasOlder = last ? (newerFirst ? more : await exists({ lt: last.id })) : false
  const hasNewer = first ? (newerFirst ? query.before !== undefined && (await exists({ gt: first.id })) : more) : false
  return {
    events: await withEmails(page),
    olderBefore: hasOlder ? last!.id : null,
    newerAfter: hasNewer ? first!.id : null,
  }
}

/**
 * Every matching event, newest first, in keyset batches: the CSV export streams these,
 * so memory stays flat however many events there are.
 */
export async function* auditBatches(query: AuditQuery, batchSize = 1_000) {
  const where = await auditWhere(query)
  if (!where) return
  let before: number | undefined
  for (;;) {
    const rows = await db.securityEvent.findMany({
      where: before === undefined ? where : and(where, { lt: before }),
      orderBy: { id: 'desc' },
      take: batchSize,
      select: eventSelect,
    })
    if (rows.length === 0) return
    yield await withEmails(rows)
    if (rows.length < batchSize) return
    before = rows.at(-1)!.id
    await yieldToEventLoop()
  }
}
