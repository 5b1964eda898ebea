import { db } from '~/db.server.ts'

// Which optional alerts a person gets by email. Security-critical mail (password and
// email changes, reset links, account disabled or enabled, "Not you?") always goes.

export const optionalAlerts = {
  newSignIn: 'A sign-in from a new browser or place',
  failedSignIn: 'Repeated failed sign-in attempts',
  adminSignOut: 'An administrator signed one of my devices out',
} as const

export type OptionalAlert = keyof typeof optionalAlerts
export type MailPreferences = Record<OptionalAlert, boolean>

const defaults: MailPreferences = { newSignIn: true, failedSignIn: true, adminSignOut: true }

export async function getMailPreferences(userId: string): Promise<MailPreferences> {
  const row = await db.mailPreference.findUnique({ where: { userId } })
  return row ? { newSignIn: row.newSignIn, failedSignIn: row.failedSignIn, adminSignOut: row.adminSignOut } : defaults
}

export async function wantsMail(userId: string, alert: OptionalAlert) {
  return (await getMailPreferences(userId))[alert]
}

export async function setMailPreferences(userId: string, preferences: MailPreferences) {
  await db.mailPreference.upsert({ where: { userId }, create: { userId, ...preferences }, update: preferences })
}
