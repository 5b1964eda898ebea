import { execFileSync } from 'node:child_process'
import Database from 'better-sqlite3'
import { root } from '../../setup/paths.ts'

export const volumeAdmin = { email: 'admin@volume.test', password: 'volume-admin' }

/**
 * A migrated SQLite file with `sessions` sessions of `users` people (scripts/seed-volume.ts),
 * every one of them active, for bulk jobs to end.
 */
export function volumeDatabase(file: string, counts: { users: number; sessions: number }) {
  execFileSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/seed-volume.ts',
      ...['--users', String(counts.users), '--sessions', String(counts.sessions), '--events', '100'],
      ...['--db', `file:${file}`, '--reset'],
    ],
    { cwd: root, stdio: 'pipe' },
  )
  const sqlite = new Database(file)
  const later = new Date(Date.now() + 20 * 86_400_000).toISOString().replace('Z', '+00:00')
  sqlite
    .prepare('UPDATE Session SET endedAt = NULL, endReason = NULL, idleExpiresAt = ?, absoluteExpiresAt = ?')
    .run(later, later)
  sqlite.close()
}
