import { db } from '~/db.server.ts'
import { listActiveDevices, listEndedDevices } from '~/models/device-list.server.ts'
import { listEventsForUser } from '~/models/security-event.server.ts'

/** The user's profile, or null when there is no such user. */
export function findUserProfile(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      passwordChangedAt: true,
    },
  })
}

/** Everything the admin's page about one user shows, each list bounded; null when no such user. */
export async function getUserDetail(userId: string, options: { show?: number; before?: number; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const user = await findUserProfile(userId)
  if (!user) return null
  const [active, ended, activity, lastActiveAdmin] = await Promise.all([
    // No current session: on this page none of the devices is "this device".
    listActiveDevices(user.id, { currentId: null, limit: options.show, now }),
    listEndedDevices(user.id, { now }),
    listEventsForUser(db, user.id, options.before),
    isOnlyActiveAdmin(user),
  ])
  return { user, ...active, ended, ...activity, lastActiveAdmin }
}

/**
 * Whether the page should offer demoting and disabling at all: not for the only
 * administrator who can still sign in. A hint read outside any transaction; the change
 * itself re-checks under the guard row (user-status.server.ts) and refuses with 409.
 */
async function isOnlyActiveAdmin(user: { id: string; role: string; disabledAt: Date | null }) {
  if (user.role !== 'admin' || user.disabledAt) return false
  return (await db.user.count({ where: { role: 'admin', disabledAt: null, id: { not: user.id } } })) === 0
}
