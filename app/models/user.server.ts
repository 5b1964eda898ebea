import { randomBytes } from 'node:crypto'
import { db } from '~/db.server.ts'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '~/models/password.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'

export const roles = ['user', 'admin'] as const
export type Role = (typeof roles)[number]

export const normalizeEmail = (email: string) => email.trim().toLowerCase()
export const generateUserId = () => randomBytes(12).toString('base64url')

export class EmailTakenError extends Error {}

export async function createUser(input: { email: string; password: string; name?: string | null; role?: Role }) {
  const email = normalizeEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new EmailTakenError(email)
    const user = await tx.user.create({
      data: { id: generateUserId(), email, name: input.name?.trim() || null, passwordHash, role: input.role ?? 'user' },
    })
    await recordEvent(tx, { type: 'signup', actorId: user.id, targetUserId: user.id, details: { role: user.role } })
    return user
  })
}

/**
 * The user whose email and password these are, or null. Unknown emails cost the same
 * hash as known ones, so timing does not reveal who has an account.
 */
export async function verifyLogin(emailInput: string, password: string) {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(emailInput) } })
  if (!user) return verifyAgainstDummy(password).then(() => null)
  return (await verifyPassword(user.passwordHash, password)) ? user : null
}

export function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email: normalizeEmail(email) } })
}
