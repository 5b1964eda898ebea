import { hash, verify } from '@node-rs/argon2'
import { env } from '~/env.server.ts'
import { Semaphore } from '~/lib/semaphore.server.ts'

// Argon2id at OWASP's minimum recommended parameters: 19 MiB, 2 passes, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const

// Each hash takes a core and 19 MiB for tens of milliseconds. Unbounded, a flood of
// sign-ups or sign-ins would queue thousands of them (and their memory) behind each other;
// bounded, the surplus waits briefly or is refused with PoolBusyError (a 429).
const pool = new Semaphore(() => {
  const config = env()
  return {
    limit: config.PASSWORD_HASH_CONCURRENCY,
    queue: config.PASSWORD_HASH_QUEUE,
    maxWaitMs: config.PASSWORD_HASH_MAX_WAIT,
  }
})

export function hashPassword(password: string): Promise<string> {
  return pool.run(() => hash(password, options))
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return pool.run(() => verify(passwordHash, password).catch(() => false))
}

let dummyHash: Promise<string> | undefined

/**
 * Spends the same time as a real check when the email is unknown, so response time does
 * not tell an attacker which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  // Made outside the pool: it is made once, and a refusal must not be cached.
  dummyHash ??= hash('doorman-dummy-password-for-timing', options)
  await verifyPassword(await dummyHash, password)
  return false
}
