import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/db.server.ts'
import { yieldToEventLoop } from '~/lib/yield.server.ts'
import { adminSignedOutMail } from '~/mail/admin-templates.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { optedOut } from '~/mail/preferences.server.ts'
import { wakeMailWorker } from '~/mail/queue.server.ts'
import { insertHeldMail } from '~/models/admin/sql.server.ts'
import { generatePublicId } from '~/session/token.server.ts'

// The mail of a bulk sign-out (by rule, everyone): one message per person per job, saying
// how many of their devices it signed out. The batch that first ends one of a person's
// sessions queues their message in its own transaction, held back (HOLD_MS ahead) and
// worded without a number, since later batches may end more. When the job ends, also
// part-way, each message gets its count and is released, a few statements for all of
// them. A crash mid-job loses nothing that committed: held messages go out by themselves
// after the hold ("signed you out of your devices"). Decision 019.

export const HOLD_MS = 60 * 60_000
const RELEASE_BATCH = 1_000

export class BulkSignOutMail {
  private readonly keyPrefix = `admin-bulk:${generatePublicId()}:`
  /** People with a message in this job, and how many of their sessions it ended so far. */
  private readonly counts = new Map<string, number>()
  /** People who get none: the acting admin (they ran it), and those who turned it off. */
  private readonly skipped = new Set<string>()

  constructor(
    actorId: string | null,
    private readonly at: Date,
  ) {
    if (actorId) this.skipped.add(actorId)
  }

  private mail(count: number | null) {
    return adminSignedOutMail({ count }, { at: this.at, login: linkTo('/login') })
  }

  /** In a batch's transaction: `owners` names the owner of each session the batch ended. */
  async queue(tx: Prisma.TransactionClient, owners: string[]) {
    const fresh = new Set<string>()
    for (const id of owners) {
      if (this.skipped.has(id)) continue
      const count = this.counts.get(id)
      if (count === undefined) fresh.add(id)
      this.counts.set(id, (count ?? 0) + 1)
    }
    if (fresh.size === 0) return
    const ids = [...fresh]
    const out = await optedOut(tx, ids, 'adminSignOut')
    const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })
    const held = this.mail(null)
    const rows = users
      .filter((user) => !out.has(user.id))
      .map((user) => ({
        kind: 'admin-signed-out',
        userId: user.id,
        to: user.email,
        dedupeKey: this.keyPrefix + user.id,
        createdAt: new Date(),
        nextAttemptAt: new Date(this.at.getTime() + HOLD_MS),
        ...held,
      }))
    await insertHeldMail(tx, rows)
    const mailed = new Set(rows.map((row) => row.userId))
    for (const id of ids)
      if (!mailed.has(id)) {
        this.counts.delete(id)
        this.skipped.add(id)
      }
  }

  /** After the job (also one that stopped part-way): each message gets its count and is due now. */
  async release() {
    const byCount = new Map<number, string[]>()
    for (const [id, count] of this.counts) {
      const keys = byCount.get(count) ?? []
      if (keys.length === 0) byCount.set(count, keys)
      keys.push(this.keyPrefix + id)
    }
    const now = new Date()
    for (const [count, keys] of byCount)
      for (let start = 0; start < keys.length; start += RELEASE_BATCH) {
        await db.mailMessage.updateMany({
          where: { dedupeKey: { in: keys.slice(start, start + RELEASE_BATCH) }, status: 'pending' },
          data: { ...this.mail(count), nextAttemptAt: now },
        })
        await yieldToEventLoop()
      }
    wakeMailWorker()
  }
}
