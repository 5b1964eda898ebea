import { defineConfig } from 'vitest/config'

// The data-layer and session tests run twice: on SQLite (the default database) and on
// PostgreSQL (tests/setup/postgres.ts says which server). One run, one report, one summary.
const onBothDatabases = ['app/session/**/*.test.ts', 'app/models/**/*.test.ts']

export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    // Argon2 hashing and real database files: give slow, shared machines some room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'app/**/*.test.{ts,tsx}',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/worker-database.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: onBothDatabases,
          globalSetup: ['tests/setup/postgres-global-setup.ts'],
          setupFiles: ['tests/setup/postgres-worker-database.ts'],
        },
      },
    ],
  },
})
