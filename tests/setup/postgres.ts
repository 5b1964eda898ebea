import pg from 'pg'

// PostgreSQL for the tests. TEST_POSTGRES_URL names a server and a database the tests may
// connect to for CREATE/DROP DATABASE (the machine's `test` database by default); every
// database the tests use is created from it and named TEST_POSTGRES_PREFIX + a run id, so
// runs side by side never meet and teardown drops only what its own run created.

export const adminUrl = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/test'
export const prefix = process.env.TEST_POSTGRES_PREFIX || 'doorman_test_'

if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`TEST_POSTGRES_PREFIX must be [a-z0-9_]+, got ${prefix}`)

export const templateName = (runId: string) => `${prefix}${runId}_base`
export const workerName = (runId: string, pid: number) => `${prefix}${runId}_w${pid}`

/** The URL of another database on the test server. */
export function urlOf(database: string) {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `Cannot reach the test PostgreSQL server at ${adminUrl} (set TEST_POSTGRES_URL, or run scripts/ci/postgres.sh): ${String(error)}`,
    )
  }
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
