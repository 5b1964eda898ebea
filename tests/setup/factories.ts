import { randomBytes } from 'node:crypto'
import { createUser, type Role } from '~/models/user.server.ts'
import type { ClientInfo } from '~/session/session.server.ts'

/** A new user with a unique email, so tests never collide. */
export async function makeUser(options: { role?: Role; password?: string } = {}) {
  const email = `user-${randomBytes(6).toString('hex')}@example.com`
  const password = options.password ?? 'correct horse battery'
  const user = await createUser({ email, password, role: options.role ?? 'user' })
  return { ...user, password }
}

export const chromeOnWindows: ClientInfo = {
  ip: '203.0.113.5',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  hints: {
    brands: '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    platform: '"Windows"',
    platformVersion: '"15.0.0"',
  },
}

export const firefoxOnLinux: ClientInfo = {
  ip: '198.51.100.9',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  hints: null,
}

export const safariOnIphone: ClientInfo = {
  ip: '192.0.2.44',
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  hints: null,
}
