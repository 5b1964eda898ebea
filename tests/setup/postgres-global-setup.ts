import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { prismaCli, root } from './paths.ts'
import { prefix, templateName, urlOf, withAdmin } from './postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresRunId: string
  }
}

// One migrated template database per run; each test worker gets its own copy of it
// (`CREATE DATABASE … TEMPLATE …`, a file copy on the server), as SQLite workers copy
// tests/.tmp/base.db. Teardown drops this run's databases and nothing else.
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  const template = templateName(runId)
  await withAdmin((client) => client.query(`CREATE DATABASE "${template}"`))
  execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: urlOf(template) },
    stdio: 'pipe',
  })
  project.provide('postgresRunId', runId)

  return async () => {
    await withAdmin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [`${prefix}${runId}_`],
      )
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    })
  }
}
