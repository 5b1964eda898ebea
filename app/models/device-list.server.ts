import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { deviceLabel } from '~/session/device.ts'
import { activeSessionWhere } from '~/session/session.server.ts'

// The session rows that the devices page and the admin console show.

const deviceSelect = {
  id: true,
  label: true,
  browserName: true,
  browserVersion: true,
  osName: true,
  osVersion: true,
  deviceType: true,
  deviceVendor: true,
  deviceModel: true,
  userAgent: true,
  method: true,
  persistent: true,
  createdAt: true,
  lastActiveAt: true,
  idleExpiresAt: true,
  absoluteExpiresAt: true,
  signInIp: true,
  lastIp: true,
  signInLocation: true,
  lastLocation: true,
} satisfies Prisma.SessionSelect

type DeviceRecord = Prisma.SessionGetPayload<{ select: typeof deviceSelect }>

export type Device = Omit<DeviceRecord, 'label'> & {
  /** What to call it: the user's own name for it, else the parsed one. */
  name: string
  /** The parsed name, shown beside a user-given one. */
  parsedName: string
  customLabel: string | null
  current: boolean
}

function toDevice(record: DeviceRecord, currentId: string | null): Device {
  const { label, ...rest } = record
  return {
    ...rest,
    name: deviceLabel(record),
    parsedName: deviceLabel({ ...record, label: null }),
    customLabel: label,
    current: record.id === currentId,
  }
}

export const DEVICES_PAGE_SIZE = 50

/**
 * A user's active sessions: the current one first, then the most recently active.
 * `limit` grows with "Show more" (a plain link, so it works without JavaScript).
 */
export async function listActiveDevices(
  userId: string,
  options: { currentId?: string | null; limit?: number; now?: Date },
) {
  const now = options.now ?? new Date()
  // Capped: one page never renders more than a thousand rows (about half a second).
  const limit = Math.min(Math.max(options.limit ?? DEVICES_PAGE_SIZE, 1), 1000)
  const where = { userId, ...activeSessionWhere(now) }
  const currentId = options.currentId ?? null
  const [current, total] = await Promise.all([
    currentId ? db.session.findFirst({ where: { ...where, id: currentId }, select: deviceSelect }) : null,
    db.session.count({ where }),
  ])
  const others = await db.session.findMany({
    where: currentId ? { ...where, id: { not: currentId } } : where,
    orderBy: [{ lastActiveAt: 'desc' }, { id: 'asc' }],
    take: current ? limit - 1 : limit,
    select: deviceSelect,
  })
  const records = current ? [current, ...others] : others
  return { devices: records.map((record) => toDevice(record, currentId)), total }
}

export type EndedDevice = Awaited<ReturnType<typeof listEndedDevices>>[number]

/** Sessions that ended in the last `days` days, newest first, with what ended each. */
export async function listEndedDevices(userId: string, options: { days?: number; take?: number; now?: Date } = {}) {
  const now = options.now ?? new Date()
  const since = new Date(now.getTime() - (options.days ?? 30) * 86_400_000)
  const records = await db.session.findMany({
    where: { userId, endedAt: { gte: since } },
    orderBy: { endedAt: 'desc' },
    take: options.take ?? 50,
    select: { ...deviceSelect, endedAt: true, endReason: true, endedByLabel: true },
  })
  return records.map(({ endedAt, endReason, endedByLabel, ...record }) => ({
    ...toDevice(record, null),
    endedAt: endedAt!,
    endReason,
    endedByLabel,
  }))
}
