import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as PostgresClient } from '~/generated/postgres/client.ts'
import type { PrismaClient } from '~/generated/prisma/client.ts'

// PostgreSQL through Prisma's node-postgres driver adapter. Prisma generates one client
// per provider (each carries its own query compiler and refuses an adapter of another
// provider), so this is the client generated from prisma/postgres/schema.prisma. Both
// are generated from one data model and have the same API; the app is typed against the
// SQLite one. Why: docs/decisions/013-one-schema-two-databases.md.

/** Whether a DATABASE_URL names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url)

export function createPostgresClient(url: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    // A server that does not answer fails the request (503) instead of hanging it.
    connectionTimeoutMillis: 5_000,
  })
  return new PostgresClient({ adapter }) as unknown as PrismaClient
}
