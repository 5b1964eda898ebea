import { env } from '~/env.server.ts'
import { absoluteUrl, originPolicy } from '~/lib/public-origin.server.ts'

/**
 * An absolute link to `path` for mail: on PUBLIC_ORIGIN when set (the scale-out setting),
 * otherwise on localhost for a loopback install, so a default install needs no setting.
 * Beyond loopback without PUBLIC_ORIGIN, links name the listening address (decision 016).
 */
export const linkTo = (path: string) => absoluteUrl(originPolicy(env()), path)
