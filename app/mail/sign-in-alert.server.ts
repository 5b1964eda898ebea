import type { Prisma, Session } from '~/generated/prisma/client.ts'
import { placeKey, placeText } from '~/mail/place.ts'
import { wantsMail } from '~/mail/preferences.server.ts'
import { enqueueMail } from '~/mail/queue.server.ts'
import { linkTo } from '~/mail/origin.server.ts'
import { newSignInMail } from '~/mail/templates.ts'
import { createMailToken, TOKEN_LIFETIME_MS } from '~/mail/tokens.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { generatePublicId } from '~/session/token.server.ts'

// The new-sign-in rule (decision 019): a sign-in is news when no other session of the
// account signed in within RECENT_MS from the same browser family, OS family and place.
// The account's very first sign-in is never news.

export const RECENT_MS = 90 * 86_400_000
const COMPARED = 500

type Tx = Prisma.TransactionClient

const sameCombination = (a: Session, b: Session) =>
  a.uaBrowserFamily === b.uaBrowserFamily && a.uaOsFamily === b.uaOsFamily && placeKey(a) === placeKey(b)

/** Whether this session's browser-and-place is new for its account. */
export async function isNewCombination(tx: Tx, session: Session, now = new Date()) {
  const recent = await tx.session.findMany({
    where: { userId: session.userId, id: { not: session.id }, createdAt: { gte: new Date(now.getTime() - RECENT_MS) } },
    orderBy: { createdAt: 'desc' },
    take: COMPARED,
  })
  if (recent.some((other) => sameCombination(other, session))) return false
  if (recent.length > 0) return true
  const earlier = await tx.session.findFirst({
    where: { userId: session.userId, id: { not: session.id } },
    select: { id: true },
  })
  return earlier !== null
}

/**
 * In the sign-in's own transaction (so a sign-in that commits always has its alert, and
 * one that fails has none): the in-app notice and the email, when the sign-in is news.
 */
export async function alertIfNewSignIn(tx: Tx, session: Session, now = new Date()) {
  if (!(await isNewCombination(tx, session, now))) return false
  const user = await tx.user.findUniqueOrThrow({ where: { id: session.userId }, select: { email: true } })
  await tx.signInAlert.create({
    data: { id: generatePublicId(), userId: session.userId, sessionId: session.id, createdAt: now },
  })
  if (!(await wantsMail(tx, session.userId, 'newSignIn'))) return true
  const token = await createMailToken({ purpose: 'not-me', userId: session.userId, sessionId: session.id }, tx, now)
  const mail = newSignInMail(
    { device: deviceLabel(session), where: placeText(session), at: session.createdAt },
    {
      devices: linkTo('/devices'),
      notMe: linkTo(`/not-me/${token}`),
      expiresHours: TOKEN_LIFETIME_MS['not-me'] / 3_600_000,
    },
  )
  await enqueueMail(tx, { kind: 'new-sign-in', userId: session.userId, to: user.email, ...mail })
  return true
}
