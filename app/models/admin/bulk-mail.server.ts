import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { yieldToEventLoop } from '~/lib/yield.server.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { optedOut } from '~/mail/preferences.server.ts'
import { wakeMailWorker } from '~/mail/queue.server.ts'
import { adminSignedOutMail } from '~/mail/admin-templates.ts'
import { generatePublicId } from '~/session/token.server.ts'

// The mail of a bulk sign-out (by rule, everyone): one message per person per job, saying
// how many of their devices it signed out. A person's sessions are spread over many
// batches, so each batch's transaction writes (or updates) that person's message with the
// running count, held back until the job ends; then the job releases them in one go.
// A crash mid-job loses nothing committed: held messages go out by themselves after
// HOLD_MS, with the count of the batches that did commit. Decision 019.

export const HOLD_MS = 60 * 60_000
const RELEASE_BATCH = 1_000

type Tx = Prisma.TransactionClient

export class BulkSignOutMail {
  private readonly keyPrefix = `admin-bulk:${generatePublicId()}:`
  /** People with a message in this job, and how many of their sessions it ended so far. */
  private readonly counts = new Map<string, number>()
  /** People who get none: the acting admin (they ran it), and those who turned it off. */
  private readonly skipped = new Set<string>()
  private readonly holdUntil: Date

  constructor(
    actorId: string | null,
    private readonly at: Date,
  ) {
    if (actorId) this.skipped.add(actorId)
    this.holdUntil = new Date(at.getTime() + HOLD_MS)
  }

  private mail(count: number) {
    return adminSignedOutMail({ count }, { at: this.at, login: linkTo('/login') })
  }

  /** In a batch's transaction: `owners` names the owner of each session the batch ended. */
  async queue(tx: Tx, owners: string[]) {
    const ended = new Map<string, number>()
    for (const id of owners) if (!this.skipped.has(id)) ended.set(id, (ended.get(id) ?? 0) + 1)
    const fresh = [...ended.keys()].filter((id) => !this.counts.has(id))
    if (fresh.length > 0) await this.create(tx, fresh, ended)
    // People met in an earlier batch: one update per distinct new total (a handful).
    const byTotal = new Map<number, string[]>()
    for (const [id, n] of ended) {
      const total = this.counts.get(id)! + n
      this.counts.set(id, total)
      byTotal.set(total, [...(byTotal.get(total) ?? []), this.keyPrefix + id])
    }
    for (const [total, keys] of byTotal)
      await tx.mailMessage.updateMany({ where: { dedupeKey: { in: keys }, status: 'pending' }, data: this.mail(total) })
  }

  /** First messages for `fresh` people (removed from `ended`, which keeps the others). */
  private async create(tx: Tx, fresh: string[], ended: Map<string, number>) {
    const out = await optedOut(tx, fresh, 'adminSignOut')
    const users = await tx.user.findMany({ where: { id: { in: fresh } }, select: { id: true, email: true } })
    const rows = users
      .filter((user) => !out.has(user.id))
      .map((user) => ({
        kind: 'admin-signed-out',
        userId: user.id,
        to: user.email,
        dedupeKey: this.keyPrefix + user.id,
        nextAttemptAt: this.holdUntil,
        ...this.mail(ended.get(user.id)!),
      }))
    if (rows.length > 0) await tx.mailMessage.createMany({ data: rows })
    const mailed = new Set(rows.map((row) => row.userId))
    for (const id of fresh) {
      if (mailed.has(id)) this.counts.set(id, ended.get(id)!)
      else this.skipped.add(id)
      ended.delete(id)
    }
  }

  /** After the job (also one that stopped part-way): its messages are due now. */
  async release() {
    const where = { status: 'pending', nextAttemptAt: this.holdUntil, dedupeKey: { startsWith: this.keyPrefix } }
    for (;;) {
      const held = await db.mailMessage.findMany({ where, select: { id: true }, take: RELEASE_BATCH })
      if (held.length === 0) break
      const ids = held.map((row) => row.id)
      await db.mailMessage.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date() } })
      await yieldToEventLoop()
    }
    wakeMailWorker()
  }

  /** How many people this job mails. */
  get recipients() {
    return this.counts.size
  }
}
