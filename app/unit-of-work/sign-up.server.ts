import { PoolBusyError } from '~/lib/semaphore.server.ts'
import { refundAttempt, signupKeys, takeAttempt } from '~/models/login-throttle.server.ts'
import { hashPassword } from '~/models/password.server.ts'
import { EmailTakenError, insertUser, normalizeEmail } from '~/models/user.server.ts'
import { sessionCookieFor } from '~/session/cookie.server.ts'
import { insertSession, type ClientInfo } from '~/session/session.server.ts'
import { waitMessage } from '~/unit-of-work/password-attempt.server.ts'
import { transact } from '~/unit-of-work/transaction.server.ts'

export type SignUpResult =
  | { ok: true; setCookie: string }
  | { ok: false; status: 409 | 429; field: 'email' | 'form'; error: string; retryAfter?: number }

/**
 * POST /signup: counts the sign-up against its IP and email (both throttled), hashes the
 * password in the bounded pool, then creates the account and its first session in one
 * transaction. Whether the email is taken is decided by the unique index, never by a
 * read first; every sign-up costs the same hash, and the answer for a taken email is
 * throttled like the rest (docs/decisions/008-invariants-and-floods.md).
 */
export async function signUp(
  input: { email: string; password: string; name?: string },
  client: ClientInfo,
): Promise<SignUpResult> {
  const email = normalizeEmail(input.email)
  const allowance = await takeAttempt(signupKeys(email, client.ip))
  if (!allowance.ok) {
    const refusal = { why: 'throttled' as const, retryAfter: allowance.retryAfter }
    return { ok: false, status: 429, field: 'form', error: waitMessage(refusal), retryAfter: allowance.retryAfter }
  }
  let passwordHash: string
  try {
    passwordHash = await hashPassword(input.password)
  } catch (error) {
    if (!(error instanceof PoolBusyError)) throw error
    await refundAttempt(allowance.taken)
    const refusal = { why: 'busy' as const, retryAfter: error.retryAfterSeconds }
    return { ok: false, status: 429, field: 'form', error: waitMessage(refusal), retryAfter: refusal.retryAfter }
  }
  try {
    const { token, session } = await transact(async (tx) => {
      const user = await insertUser(tx, { email, passwordHash, name: input.name })
      return insertSession(tx, { userId: user.id, persistent: false, client })
    })
    return { ok: true, setCookie: await sessionCookieFor(session, token) }
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error
    return {
      ok: false,
      status: 409,
      field: 'email',
      error: 'An account with that email already exists. Sign in instead.',
    }
  }
}
