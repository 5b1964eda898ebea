// `npm run sessions:prune`: end expired sessions and delete ended ones past retention,
// now, in small batches, showing progress on a large table.
import { prepareDatabase } from './migrate.ts'

await prepareDatabase()
const { db } = await import('../../app/db.server.ts')
const { pruneSessions } = await import('../../app/session/prune.server.ts')

const started = Date.now()
const result = await pruneSessions({
  onProgress: (progress) => {
    process.stdout.write(`\rexpired ${progress.expired} · deleted ${progress.deleted}`)
  },
}).catch(async (error: unknown) => {
  // The database layer answers "unavailable" (busy, missing…) with a 503 Response: its text is the one line.
  if (!(error instanceof Response)) throw error
  console.error(`\n${await error.text()}`)
  process.exit(1)
})
process.stdout.write('\n')
console.log(
  `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.expired} expired session(s) ended, ${result.deleted} old session(s) deleted, ${result.throttles} stale throttle counter(s) removed.`,
)
await db.$disconnect()
