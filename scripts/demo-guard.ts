// Demo accounts have published passwords. `npm start` keeps its two-command demo on a
// loopback address only; listening anywhere else, it refuses to start while demo seeding
// is on or a demo account can still sign in with its public password.
import fs from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { verifyPassword } from '../app/models/password.server.ts'

export const FIRST_ADMIN_HINT = 'npm run user -- create --email you@example.com --admin'

/** Whether `host` is reachable from this machine only. */
export function isLoopback(host: string) {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare)
}

type DemoRow = { email: string; passwordHash: string }

/** Enabled users with these emails, read straight from the database (no app client yet). */
async function enabledUsers(url: string, emails: string[]): Promise<DemoRow[]> {
  if (url.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const table = await client.query(`SELECT to_regclass('"User"') IS NOT NULL AS present`)
      if (!table.rows[0]?.present) return []
      const { rows } = await client.query<DemoRow>(
        `SELECT email, "passwordHash" FROM "User" WHERE "disabledAt" IS NULL AND email = ANY($1)`,
        [emails],
      )
      return rows
    } finally {
      await client.end()
    }
  }
  const file = url.replace(/^file:/, '').split('?')[0]!
  if (!url.startsWith('file:') || !fs.existsSync(file)) return []
  const sqlite = new Database(file, { readonly: true, timeout: 5000 })
  try {
    const hasUsers = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'User'`).get()
    if (!hasUsers) return []
    return sqlite
      .prepare(
        `SELECT email, passwordHash FROM "User" WHERE "disabledAt" IS NULL AND email IN (${emails.map(() => '?').join(', ')})`,
      )
      .all(...emails) as DemoRow[]
  } finally {
    sqlite.close()
  }
}

/** Demo accounts that are enabled and still accept their public password, on either database. */
export async function exposedDemoAccounts(url: string): Promise<string[]> {
  // Imported here: the seed module opens the app's database client when loaded.
  const { demoAccounts } = await import('../prisma/seed.ts')
  const rows = await enabledUsers(
    url,
    demoAccounts.map((account) => account.email),
  )
  const exposed: string[] = []
  for (const row of rows) {
    const account = demoAccounts.find((demo) => demo.email === row.email)!
    if (await verifyPassword(row.passwordHash, account.password)) exposed.push(row.email)
  }
  return exposed
}

/** One line saying why `npm start` must not listen on `host`, or null when it may. */
export async function demoRefusal(config: { HOST: string; SEED_DEMO_DATA: boolean; DATABASE_URL: string }) {
  if (isLoopback(config.HOST)) return null
  const where = `HOST=${config.HOST} is reachable from other machines`
  if (config.SEED_DEMO_DATA)
    return `Not starting: ${where} and SEED_DEMO_DATA is on (its demo passwords are public). Set SEED_DEMO_DATA=false and create the first administrator with: ${FIRST_ADMIN_HINT}`
  const exposed = await exposedDemoAccounts(config.DATABASE_URL)
  if (exposed.length === 0) return null
  return `Not starting: ${where} and the demo account${exposed.length > 1 ? 's' : ''} ${exposed.join(', ')} still accept${exposed.length > 1 ? '' : 's'} the public password. Disable ${exposed.length > 1 ? 'them' : 'it'} (npm run user -- disable --email …) and create the first administrator with: ${FIRST_ADMIN_HINT}`
}
