import { db } from '~/db.server.ts'
import { deviceLabel, deviceLabelFields } from '~/session/device.ts'

export type SampleSession = Awaited<ReturnType<typeof sampleSessions>>[number]

/** The sessions with these ids, in this order, as the rule preview lists them. */
export async function sampleSessions(ids: string[]) {
  if (ids.length === 0) return []
  const rows = await db.session.findMany({
    where: { id: { in: ids } },
    select: {
      ...deviceLabelFields,
      lastIp: true,
      createdAt: true,
      lastActiveAt: true,
      user: { select: { id: true, email: true } },
    },
  })
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    if (!row) return []
    return [
      {
        id: row.id,
        device: deviceLabel(row),
        lastIp: row.lastIp,
        createdAt: row.createdAt,
        lastActiveAt: row.lastActiveAt,
        userId: row.user.id,
        email: row.user.email,
      },
    ]
  })
}
