import { db } from '~/db.server.ts'
import { USERS_PAGE_SIZE, type UserQuery } from '~/lib/admin/user-query.ts'
import { countUsers, pageUserIds } from '~/models/admin/sql.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'

// The user list: SQL picks one page of ids in the chosen order; the rows and their
// session figures are then read for those ids only, so a page costs the same whatever
// the number of users and sessions behind it.

export type UserRow = Awaited<ReturnType<typeof listUsers>>['users'][number]

export async function listUsers(query: UserQuery, now = new Date()) {
  const total = await countUsers(query, now)
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE))
  const page = Math.min(query.page, pageCount)
  const ids = await pageUserIds(
    query,
    query.sort,
    { limit: USERS_PAGE_SIZE, offset: (page - 1) * USERS_PAGE_SIZE },
    now,
  )
  const [users, active, last] = await Promise.all([
    db.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
    }),
    db.session.groupBy({
      by: ['userId'],
      where: { userId: { in: ids }, ...activeSessionWhere(now) },
      _count: { _all: true },
    }),
    db.session.groupBy({ by: ['userId'], where: { userId: { in: ids } }, _max: { lastActiveAt: true } }),
  ])
  const byId = new Map(users.map((user) => [user.id, user]))
  const activeCount = new Map(active.map((group) => [group.userId, group._count._all]))
  const lastActive = new Map(last.map((group) => [group.userId, group._max.lastActiveAt]))
  const rows = ids.flatMap((id) => {
    const user = byId.get(id)
    return user ? [{ ...user, activeSessions: activeCount.get(id) ?? 0, lastActiveAt: lastActive.get(id) ?? null }] : []
  })
  return { users: rows, total, page, pageCount }
}
