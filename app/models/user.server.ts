import { randomBytes } from 'node:crypto'
import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { isUniqueViolation } from '~/models/db-errors.server.ts'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '~/models/password.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'

export const roles = ['user', 'admin'] as const
export type Role = (typeof roles)[number]

export const normalizeEmail = (email: string) => email.trim().toLowerCase()
export const generateUserId = () => randomBytes(12).toString('base64url')

/** The email already belongs to an account (the unique constraint said so). */
export class EmailTakenError extends Error {
  override name = 'EmailTakenError'
}

export type NewUser = { email: string; passwordHash: string; name?: string | null; role?: Role }

/**
 * Inserts a user and records the sign-up, in the caller's transaction. No "does it exist?"
 * read first: two parallel sign-ups would both pass it. The unique index on email decides,
 * and its refusal becomes EmailTakenError.
 */
export async function insertUser(tx: Prisma.TransactionClient, input: NewUser) {
  const email = normalizeEmail(input.email)
  const user = await tx.user
    .create({
      data: {
        id: generateUserId(),
        email,
        name: input.name?.trim() || null,
        passwordHash: input.passwordHash,
        role: input.role ?? 'user',
      },
    })
    .catch((error: unknown) => Promise.reject(isUniqueViolation(error) ? new EmailTakenError(email) : error))
  await recordEvent(tx, { type: 'signup', actorId: user.id, targetUserId: user.id, details: { role: user.role } })
  return user
}

/** Hashes the password (outside the transaction), then inserts the user. */
export async function createUser(input: { email: string; password: string; name?: string | null; role?: Role }) {
  const passwordHash = await hashPassword(input.password)
  return db.$transaction((tx) => insertUser(tx, { ...input, passwordHash }))
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
