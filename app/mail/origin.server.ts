import { env } from '~/env.server.ts'

/**
 * The address people reach the app at, for links in mail. PUBLIC_ORIGIN when set (the
 * scale-out setting); otherwise where this server listens, with loopback and wildcard
 * hosts shown as localhost, so a default install needs no extra setting.
 */
export function publicOrigin(): string {
  const { HOST, PORT, PUBLIC_ORIGIN } = env()
  if (PUBLIC_ORIGIN) return PUBLIC_ORIGIN
  const loopback = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(HOST)
  const host = loopback ? 'localhost' : HOST.includes(':') ? `[${HOST}]` : HOST
  return `http://${host}:${PORT}`
}

/** An absolute link to `path` on the public origin. */
export const linkTo = (path: string) => `${publicOrigin()}${path}`
