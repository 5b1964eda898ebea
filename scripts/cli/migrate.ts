import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { EnvError, parseEnv } from '../../app/env.server.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Validates the environment and applies pending migrations, so commands work on a new install. */
export function prepareDatabase() {
  try {
    const config = parseEnv(process.env)
    if (config.DATABASE_URL.startsWith('file:'))
      fs.mkdirSync(path.dirname(path.resolve(root, config.DATABASE_URL.replace(/^file:/, ''))), { recursive: true })
  } catch (error) {
    if (!(error instanceof EnvError)) throw error
    console.error(error.message)
    process.exit(1)
  }
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  if (result.status !== 0) {
    console.error(`Could not migrate the database:\n${result.stdout}${result.stderr}`)
    process.exit(1)
  }
}
