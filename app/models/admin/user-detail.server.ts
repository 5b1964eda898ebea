import { db } from '~/db.server.ts'
import { listActiveDevices, listEndedDevices } from '~/models/device-list.server.ts'
import { listEventsForUser } from '~/models/security-event.server.ts'

/** The user's profile, or a 404 "No such user" for the error boundary. */
export async function requireUserProfile(userId: string) {
  const user = await db.user.findUnique({
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
  if (!user) throw new Response('No such user.', { status: 404, statusText: 'No such user' })
  return user
}

/** Everything the admin's page about one user shows, each list bounded. */
export async function getUserDetail(userId: string, options: { show?: number; before?: number; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const user = await requireUserProfile(userId)
  const [active, ended, activity] = await Promise.all([
    // No current session: on this page none of the devices is "this device".
    listActiveDevices(user.id, { currentId: null, limit: options.show, now }),
    listEndedDevices(user.id, { now }),
    listEventsForUser(db, user.id, options.before),
  ])
  return { user, ...active, ended, ...activity }
}
