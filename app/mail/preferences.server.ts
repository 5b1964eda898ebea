import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'

// Which optional alerts a person gets by email. Security-critical mail always goes
// (decision 019): password and email changes, reset links, "Not you?", the account
// disabled or enabled, and a role change.

export const optionalAlerts = {
  newSignIn: 'A sign-in from a new browser or place',
  failedSignIn: 'Repeated failed sign-in attempts',
  adminSignOut: 'An administrator signed one of my devices out',
} as const

export type OptionalAlert = keyof typeof optionalAlerts
export type MailPreferences = Record<OptionalAlert, boolean>

type Reader = Pick<Prisma.TransactionClient, 'mailPreference'>

const defaults: MailPreferences = { newSignIn: true, failedSignIn: true, adminSignOut: true }

export async function getMailPreferences(userId: string, client: Reader = db): Promise<MailPreferences> {
  const row = await client.mailPreference.findUnique({ where: { userId } })
  return row ? { newSignIn: row.newSignIn, failedSignIn: row.failedSignIn, adminSignOut: row.adminSignOut } : defaults
}

/** Read in the transaction that queues the mail (`tx`), so the choice and the mail agree. */
export async function wantsMail(tx: Reader, userId: string, alert: OptionalAlert) {
  return (await getMailPreferences(userId, tx))[alert]
}

/** Of `userIds`, those who turned `alert` off (one query, for bulk jobs). */
export async function optedOut(tx: Reader, userIds: string[], alert: OptionalAlert) {
  const rows = await tx.mailPreference.findMany({
    where: { userId: { in: userIds }, [alert]: false },
    select: { userId: true },
  })
  return new Set(rows.map((row) => row.userId))
}

export async function setMailPreferences(userId: string, preferences: MailPreferences) {
  await db.mailPreference.upsert({ where: { userId }, create: { userId, ...preferences }, update: preferences })
}
