import { defineConfig } from 'vitest/config'

// The data-layer and session tests run twice: on SQLite (the default database) and on
// PostgreSQL (tests/setup/postgres.ts says which server). One run, one report, one summary.
const onBothDatabases = ['app/session/**/*.test.ts', 'app/models/**/*.test.ts']
const sqlite = {
  globalSetup: ['tests/setup/global-setup.ts'],
  setupFiles: ['tests/setup/worker-database.ts'],
}

export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    // Argon2 hashing and real database files: give slow, shared machines some room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: on a 2-core machine one file at a
    // time, each spending more time starting (a fork, the app's modules, Prisma) than testing.
    // Two at a time share nothing: each file has its own SQLite copy or PostgreSQL database.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          ...sqlite,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: onBothDatabases,
          // The SQLite reader connection's own tests (the PostgreSQL form has its own file).
          exclude: ['app/session/session-lookup.server.test.ts'],
          globalSetup: ['tests/setup/postgres-global-setup.ts'],
          setupFiles: ['tests/setup/postgres-worker-database.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The files that start built servers, CLI processes and nginx, one at a time and
          // after the others: two side by side measured slower on a loaded 2-core machine
          // (each waits on its own child processes' CPU) and failed start-up deadlines.
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          ...sqlite,
        },
      },
    ],
  },
})
