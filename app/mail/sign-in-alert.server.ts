import { db } from '~/db.server.ts'
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

type SessionRow = NonNullable<Awaited<ReturnType<typeof db.session.findUnique>>>

const sameCombination = (a: SessionRow, b: SessionRow) =>
  a.uaBrowserFamily === b.uaBrowserFamily && a.uaOsFamily === b.uaOsFamily && placeKey(a) === placeKey(b)

/** Whether this session's browser-and-place is new for its account. */
export async function isNewCombination(session: SessionRow, now = new Date()) {
  const recent = await db.session.findMany({
    where: { userId: session.userId, id: { not: session.id }, createdAt: { gte: new Date(now.getTime() - RECENT_MS) } },
    orderBy: { createdAt: 'desc' },
    take: COMPARED,
  })
  if (recent.some((other) => sameCombination(other, session))) return false
  if (recent.length > 0) return true
  const earlier = await db.session.findFirst({
    where: { userId: session.userId, id: { not: session.id } },
    select: { id: true },
  })
  return earlier !== null
}

/** After a sign-in has committed: the in-app notice and the email, when it is news. */
export async function alertIfNewSignIn(sessionId: string, now = new Date()) {
  const session = await db.session.findUnique({ where: { id: sessionId } })
  if (!session || !(await isNewCombination(session, now))) return false
  const user = await db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { email: true } })
  await db.signInAlert.create({ data: { id: generatePublicId(), userId: session.userId, sessionId, createdAt: now } })
  if (!(await wantsMail(session.userId, 'newSignIn'))) return true
  const token = await createMailToken({ purpose: 'not-me', userId: session.userId, sessionId }, db, now)
  const mail = newSignInMail(
    { device: deviceLabel(session), where: placeText(session), at: session.createdAt },
    {
      devices: linkTo('/devices'),
      notMe: linkTo(`/not-me/${token}`),
      expiresHours: TOKEN_LIFETIME_MS['not-me'] / 3_600_000,
    },
  )
  await enqueueMail({ kind: 'new-sign-in', userId: session.userId, to: user.email, ...mail })
  return true
}
