import { randomBytes } from 'node:crypto'
import { db } from '~/db.server.ts'
import type { AdminActor } from '~/models/admin/actor.server.ts'
import { parseDevice } from '~/session/device.ts'
import { generatePublicId, hashSessionToken } from '~/session/token.server.ts'

// Test fixtures for the admin console's integration tests (never imported by the app).

export const agents = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
}

const DAY = 86_400_000

/**
 * A session row for `userId`, active at `now` unless `ended` is given. Browser and OS
 * names can be overridden, so that a test's rule matches only its own rows.
 */
export async function makeSession(
  userId: string,
  options: {
    now: Date
    ip?: string
    agent?: keyof typeof agents
    browserName?: string
    osName?: string
    createdAgo?: number
    activeAgo?: number
    ended?: boolean
    expired?: boolean
  },
) {
  const now = options.now.getTime()
  const createdAt = new Date(now - (options.createdAgo ?? DAY))
  const lastActiveAt = new Date(now - (options.activeAgo ?? 60_000))
  const device = parseDevice(agents[options.agent ?? 'chromeWindows'])
  return db.session.create({
    data: {
      id: generatePublicId(),
      tokenHash: hashSessionToken(randomBytes(32).toString('base64url')),
      userId,
      createdAt,
      lastActiveAt,
      idleExpiresAt: new Date(options.expired ? now - 1000 : now + 7 * DAY),
      absoluteExpiresAt: new Date(now + 30 * DAY),
      signInIp: options.ip ?? '192.0.2.1',
      lastIp: options.ip ?? '192.0.2.1',
      ...device,
      ...(options.browserName ? { browserName: options.browserName } : {}),
      ...(options.osName ? { osName: options.osName } : {}),
      ...(options.ended ? { endedAt: new Date(now - 1000), endReason: 'signed-out' } : {}),
    },
  })
}

export const actorFor = (user: { id: string }, sessionId = 'no-such-session'): AdminActor => ({
  id: user.id,
  sessionId,
  ip: '203.0.113.200',
  device: 'Firefox 133 on Linux',
})

/** A unique word, for names that no other test's rows can share. */
export const uniqueWord = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`
