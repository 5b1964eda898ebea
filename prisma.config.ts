import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'prisma/config'

const root = path.dirname(fileURLToPath(import.meta.url))

// The Prisma CLI downloads a native schema engine that this machine cannot reach. Unless a
// native one is configured, use the WebAssembly stand-in (docs/decisions/001-…).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, 'prisma/engine/schema-engine.mjs')

const url = process.env.DATABASE_URL || `file:${path.join(root, 'data/doorman.db')}`
// One data model, two databases: a postgresql:// URL selects the schema generated for
// PostgreSQL and its own migration history (docs/decisions/013-…).
const folder = /^postgres(ql)?:\/\//i.test(url) ? 'prisma/postgres' : 'prisma'

export default defineConfig({
  schema: path.join(root, folder, 'schema.prisma'),
  migrations: {
    path: path.join(root, folder, 'migrations'),
    seed: 'tsx prisma/seed.ts',
  },
  datasource: { url },
})
