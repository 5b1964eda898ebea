// Validates a session token against the database DATABASE_URL names, exactly as a request
// would, and prints the outcome as JSON: a separate process, so the app's one database
// client is the copy's, not the test worker's.
import { firefoxOnLinux } from '../../setup/factories.ts'

const { validateSessionToken } = await import('~/session/session.server.ts')
const { db } = await import('~/db.server.ts')
const result = await validateSessionToken(process.env.SESSION_TOKEN, { ...firefoxOnLinux, ip: '192.0.2.200' })
console.log(JSON.stringify(result.ok ? { ok: true, email: result.user.email } : result))
await db.$disconnect()
