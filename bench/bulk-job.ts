// A bulk sign-out job timed in-process (no HTTP, no server): seeds `BENCH_SESSIONS` active
// sessions of `BENCH_USERS` people, runs "sign out everyone" as the command line does, and
// prints the job's wall and CPU time and the mail it queued (one per person, decision 019).
//   npx tsx bench/bulk-job.ts            # 100,000 sessions of 2,000 people
//   BENCH_SESSIONS=10000 BENCH_USERS=5000 npx tsx bench/bulk-job.ts
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { volumeDatabase } from '../tests/integration/support/volume.ts'

const sessions = Number(process.env.BENCH_SESSIONS ?? 100_000)
const users = Number(process.env.BENCH_USERS ?? 2_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-job-'))
const file = path.join(dir, 'bulk.db')
volumeDatabase(file, { users, sessions })
process.env.DATABASE_URL = `file:${file}`
process.env.SEED_DEMO_DATA = 'false'

const { db } = await import('../app/db.server.ts')
const { commandLineActor } = await import('../app/models/admin/actor.server.ts')
const { signOutEveryone } = await import('../app/unit-of-work/admin.server.ts')
try {
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const done = await signOutEveryone(commandLineActor)
  const seconds = Math.round((performance.now() - started) / 10) / 100
  // CPU time of this process (SQLite runs in it): less swayed by a busy machine than wall time.
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = Math.round((cpu.user + cpu.system) / 10_000) / 100
  const mails = await db.mailMessage.count()
  const due = await db.mailMessage.count({ where: { status: 'pending', nextAttemptAt: { lte: new Date() } } })
  console.log(
    JSON.stringify({
      bulkJob: { sessions, users, ended: done.count, people: done.users, seconds, cpuSeconds, mails, due },
    }),
  )
} finally {
  await db.$disconnect()
  fs.rmSync(dir, { recursive: true, force: true })
}
