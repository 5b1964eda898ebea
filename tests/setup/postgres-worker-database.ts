import { inject } from 'vitest'
import { templateName, urlOf, withAdmin, workerName } from './postgres.ts'

// A private copy of the run's migrated template database for this worker, set before any
// app module reads DATABASE_URL. Tests make unique users, so files share it safely.
const runId = inject('postgresRunId')
const database = workerName(runId, process.pid)
await withAdmin(async (client) => {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
  if (!rowCount) await client.query(`CREATE DATABASE "${database}" TEMPLATE "${templateName(runId)}"`)
})
process.env.DATABASE_URL = urlOf(database)
process.env.LOG_REQUESTS = 'false'
