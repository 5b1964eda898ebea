// Pruning a large table: how long does one batch hold SQLite's write lock?
import { randomBytes } from 'node:crypto'
import { db } from '../app/db.server.ts'
import { createUser } from '../app/models/user.server.ts'
import { pruneSessions } from '../app/session/prune.server.ts'
import { summarize } from './setup.ts'

const day = 86_400_000
const now = Date.now()
const user = await createUser({
  email: `prune-${Date.now()}@example.com`,
  password: 'bench: a long and unusual passphrase 1',
})
const row = (n: number, ended: boolean) => ({
  id: randomBytes(16).toString('base64url'),
  tokenHash: randomBytes(32).toString('hex'),
  userId: user.id,
  createdAt: new Date(now - 60 * day),
  lastActiveAt: new Date(now - 50 * day + n),
  idleExpiresAt: new Date(now - 43 * day),
  absoluteExpiresAt: new Date(now - 30 * day),
  userAgent: 'bench',
  signInIp: '192.0.2.1',
  lastIp: '192.0.2.1',
  ...(ended ? { endedAt: new Date(now - 40 * day), endReason: 'signed-out' } : {}),
})
const perKind = Number(process.env.PRUNE_ROWS ?? 20_000)
for (let start = 0; start < perKind; start += 1000) {
  await db.session.createMany({ data: Array.from({ length: 1000 }, (_, n) => row(start + n, false)) })
  await db.session.createMany({ data: Array.from({ length: 1000 }, (_, n) => row(start + n, true)) })
}
const batches: number[] = []
let last = performance.now()
const started = last
const result = await pruneSessions({
  onProgress: () => {
    const at = performance.now()
    batches.push(at - last)
    last = at
  },
})
console.log(
  JSON.stringify({
    prune: { rows: perKind * 2, ...result, totalMs: performance.now() - started, batchMs: summarize(batches) },
  }),
)
process.exit(0)
