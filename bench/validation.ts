// Validation cost in-process: the indexed lookup by token hash that every request makes.
// Run by bench/run.ts in a child process whose DATABASE_URL points at a fresh database.
import { createSession, validateSessionToken } from '../app/session/session.server.ts'
import { createUser } from '../app/models/user.server.ts'
import { summarize } from './setup.ts'

const client = {
  ip: '203.0.113.5',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  hints: null,
}

const user = await createUser({ email: `bench-${Date.now()}@example.com`, password: 'bench password 1' })
const { token } = await createSession({ userId: user.id, persistent: true, client })
// Other users' sessions, so the lookup runs against a table that is not tiny.
for (let n = 0; n < 20; n++) {
  const other = await createUser({ email: `bench-${Date.now()}-${n}@example.com`, password: 'bench password 1' })
  for (let m = 0; m < 50; m++) await createSession({ userId: other.id, persistent: true, client })
}
for (let n = 0; n < 500; n++) await validateSessionToken(token, client) // warm up
const samples: number[] = []
for (let n = 0; n < 5000; n++) {
  const started = process.hrtime.bigint()
  const result = await validateSessionToken(token, client)
  samples.push(Number(process.hrtime.bigint() - started) / 1000)
  if (!result.ok) throw new Error('the benchmark session was refused')
}
console.log(JSON.stringify({ validation: summarize(samples) }))
process.exit(0)
