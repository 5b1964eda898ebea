import { db } from '~/db.server.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { generatePublicId, generateSessionToken, hashSessionToken, isWellFormedToken } from '~/session/token.server.ts'

// Links sent by mail carry a 256-bit random token; the database keeps only its SHA-256,
// so a leaked database holds no working link. Each link works once and expires.

export type TokenPurpose = 'not-me' | 'password-reset' | 'email-change'

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  'not-me': 72 * 3_600_000,
  'password-reset': 30 * 60_000,
  'email-change': 24 * 3_600_000,
}

type Writer = Pick<Prisma.TransactionClient, 'mailToken'>

/** Makes a link token; returns the secret, which only the mail will carry. */
export async function createMailToken(
  input: { purpose: TokenPurpose; userId: string; sessionId?: string; newEmail?: string },
  tx: Writer = db,
  now = new Date(),
) {
  const token = generateSessionToken()
  await tx.mailToken.create({
    data: {
      id: generatePublicId(),
      tokenHash: hashSessionToken(token),
      purpose: input.purpose,
      userId: input.userId,
      sessionId: input.sessionId ?? null,
      newEmail: input.newEmail ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    },
  })
  return token
}

/** The link's row while it still works (unused, unexpired, the right purpose), else null. */
export async function findUsableToken(token: unknown, purpose: TokenPurpose, now = new Date()) {
  if (!isWellFormedToken(token)) return null
  const row = await db.mailToken.findUnique({ where: { tokenHash: hashSessionToken(token) } })
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null
  return row
}

/**
 * Uses a link up: true for exactly one caller, however many race, and only while it is
 * unused and unexpired. Call it inside the transaction of the change the link makes.
 */
export async function consumeToken(tx: Writer, id: string, now = new Date()) {
  const used = await tx.mailToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  })
  return used.count === 1
}

/** Retires a user's other open links of these kinds (after a reset, say). */
export function retireTokens(tx: Writer, userId: string, purposes: TokenPurpose[], now = new Date()) {
  return tx.mailToken.updateMany({
    where: { userId, purpose: { in: purposes }, usedAt: null },
    data: { usedAt: now },
  })
}

/** What a refused link shows: the same page for expired, used and made-up links. */
export function linkNoLongerWorks(): never {
  throw new Response(
    'This link has expired or was already used. Links in our emails work once and only for a short time. ' +
      'Ask for a new one if you still need it.',
    { status: 410 },
  )
}
