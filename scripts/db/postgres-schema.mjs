#!/usr/bin/env node
// prisma/schema.prisma (SQLite) is the one source of the data model. Prisma allows one
// provider per schema, so this writes prisma/postgres/schema.prisma from it: the same
// models with the PostgreSQL provider and its own generated client. `--check` exits 1
// when the committed file is not what the source gives (CI and the tests run it).
// Why: docs/decisions/013-one-schema-two-databases.md.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const sourceFile = path.join(root, 'prisma/schema.prisma')
export const postgresFile = path.join(root, 'prisma/postgres/schema.prisma')

const header = `// GENERATED from prisma/schema.prisma by scripts/db/postgres-schema.mjs: do not edit.
// Change the source, then run \`node scripts/db/postgres-schema.mjs\` (postinstall does too).

`

/** The PostgreSQL schema for a SQLite source schema's text. */
export function postgresSchema(source) {
  const replaced = []
  const replaceOnce = (text, pattern, value, what) => {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: cannot find ${what} to rewrite for PostgreSQL`)
    replaced.push(what)
    return text.replace(pattern, value)
  }
  let schema = source
  schema = replaceOnce(schema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'the sqlite provider')
  // The generated client lives beside the SQLite one: its query compiler is PostgreSQL's.
  schema = replaceOnce(
    schema,
    /output\s*=\s*"\.\.\/app\/generated\/prisma"/,
    'output       = "../../app/generated/postgres"',
    'the client output',
  )
  return header + schema
}

function main() {
  const expected = postgresSchema(fs.readFileSync(sourceFile, 'utf8'))
  const relative = path.relative(root, postgresFile)
  if (process.argv.includes('--check')) {
    const actual = fs.existsSync(postgresFile) ? fs.readFileSync(postgresFile, 'utf8') : ''
    if (actual !== expected) {
      console.error(`${relative} is out of date: run \`node scripts/db/postgres-schema.mjs\`.`)
      process.exit(1)
    }
    console.log(`${relative} matches prisma/schema.prisma.`)
    return
  }
  fs.mkdirSync(path.dirname(postgresFile), { recursive: true })
  fs.writeFileSync(postgresFile, expected)
  console.log(`Wrote ${relative} from prisma/schema.prisma.`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
