import pg from 'pg'

// A PostgreSQL database of one's own on the test server (127.0.0.1:5432, trust auth, or
// POSTGRES_ADMIN_URL), created when missing. Names start with doorman_pglive_.

export const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export function databaseUrl(name: string) {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export async function ensureDatabase(name: string, { fresh = false } = {}) {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  return databaseUrl(name)
}
