import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/db.server.ts'
import { createPostgresClient } from '~/db/postgres.server.ts'
import { passwordKeys, takeAttempt } from '~/models/login-throttle.server.ts'
import { createSession } from '~/session/session.server.ts'
import { firefoxOnLinux, makeUser } from '../setup/factories.ts'
import { root, tmpDir } from '../setup/paths.ts'
import { prefix, urlOf, withAdmin } from '../setup/postgres.ts'

// `npm run db:copy` from this worker's SQLite database into a PostgreSQL database that does
// not exist yet, run as the real command; then a cookie made on SQLite is validated by the
// app running on the copy, and the copy copied back into a new SQLite file keeps it too.
const tsx = path.join(root, 'node_modules/.bin/tsx')
const cliTimeout = 120_000
const database = `${prefix}copy_${randomBytes(4).toString('hex')}`
const target = urlOf(database)
const source = process.env.DATABASE_URL!
const back = `file:${path.join(tmpDir, `copy-back-${randomBytes(4).toString('hex')}.db`)}`

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(tsx, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: cliTimeout,
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}
const copy = (from = source, to = target) => run(['scripts/db/copy.ts', '--from', from, '--to', to])
const outcome = (output: string) => JSON.parse(output.split('\n').find((line) => line.startsWith('{"ok"')) ?? '{}')
const validate = (url: string, sessionToken: string) =>
  outcome(
    run(['tests/integration/support/validate-token.ts'], { DATABASE_URL: url, SESSION_TOKEN: sessionToken }).output,
  )
const counts = async () => ({
  users: await db.user.count(),
  sessions: await db.session.count(),
  events: await db.securityEvent.count(),
  throttles: await db.loginThrottle.count(),
  preferences: await db.mailPreference.count(),
  alerts: await db.signInAlert.count(),
  messages: await db.mailMessage.count(),
})

let user: Awaited<ReturnType<typeof makeUser>>
let token: string
let first: ReturnType<typeof run>
let before: Awaited<ReturnType<typeof counts>>

beforeAll(async () => {
  user = await makeUser()
  const created = await createSession({ userId: user.id, persistent: true, client: firefoxOnLinux })
  token = created.token
  await takeAttempt(passwordKeys(user.email, '192.0.2.9'))
  // What a person chose and what is still pending for them moves too.
  await db.mailPreference.create({ data: { userId: user.id, newSignIn: false } })
  await db.signInAlert.create({ data: { id: `alert-${user.id}`, userId: user.id, sessionId: created.session.id } })
  await db.mailMessage.create({
    data: { kind: 'new-sign-in', userId: user.id, to: user.email, subject: 's', text: 't' },
  })
  before = await counts()
  first = copy()
}, cliTimeout)

afterAll(async () => {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(back.slice('file:'.length) + suffix, { force: true })
})

describe('npm run db:copy', () => {
  it('migrates the new target, copies every table and verifies the counts', () => {
    expect(first.output).toContain('Copied and verified')
    expect(first.status).toBe(0)
    expect(first.output).toContain(`${before.users.toLocaleString('en')} users`)
    expect(first.output).toContain(`${before.sessions.toLocaleString('en')} sessions`)
    expect(first.output).toContain(`${before.events.toLocaleString('en')} security events`)
    expect(first.output).toContain(`${before.throttles.toLocaleString('en')} sign-in throttles`)
    expect(first.output).toContain(`${before.preferences.toLocaleString('en')} mail preferences`)
    expect(first.output).toContain(`${before.alerts.toLocaleString('en')} sign-in alerts`)
    expect(first.output).toContain(`${before.messages.toLocaleString('en')} mail messages`)
    expect(before.throttles).toBeGreaterThan(0)
  })

  it('rows arrive unchanged: times, flags and texts', async () => {
    const copyDb = createPostgresClient(target)
    try {
      for (const read of [
        (client: typeof db) => client.session.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } }),
        (client: typeof db) => client.user.findUnique({ where: { id: user.id } }),
        (client: typeof db) => client.mailPreference.findUnique({ where: { userId: user.id } }),
        (client: typeof db) => client.loginThrottle.findMany({ orderBy: { key: 'asc' } }),
        (client: typeof db) => client.signInAlert.findMany({ where: { userId: user.id } }),
      ])
        expect(await read(copyDb)).toEqual(await read(db))
      expect((await copyDb.mailPreference.findUnique({ where: { userId: user.id } }))?.newSignIn).toBe(false)
    } finally {
      await copyDb.$disconnect()
    }
  })

  it('the same cookie keeps working on the copy', { timeout: cliTimeout }, () => {
    expect(validate(target, token)).toEqual({ ok: true, email: user.email })
    expect(validate(target, `${token.slice(0, -2)}AA`)).toEqual({ ok: false, reason: 'unknown' })
  })

  it('copies back from PostgreSQL into a new SQLite file, and the cookie still works', { timeout: cliTimeout }, () => {
    const again = copy(target, back)
    expect(again.output).toContain('Copied and verified')
    expect(again.output).toContain(`${before.sessions.toLocaleString('en')} sessions`)
    expect(again.status).toBe(0)
    expect(validate(back, token)).toEqual({ ok: true, email: user.email })
  })

  it('refuses to write into a target that holds rows', { timeout: cliTimeout }, () => {
    const again = copy()
    expect(again.output).toMatch(/target is not empty \(\d+ users/)
    expect(again.output).toContain('nothing was written')
    expect(again.status).toBe(1)
  })

  it('refuses bad arguments with a plain message', { timeout: cliTimeout }, () => {
    const missing = run(['scripts/db/copy.ts', '--from', source])
    expect(missing.output).toContain('--to is missing')
    expect(missing.status).toBe(1)
    const wrong = run(['scripts/db/copy.ts', '--from', 'mysql://x/y', '--to', target])
    expect(wrong.output).toContain('--from "mysql://x/y"')
    expect(wrong.status).toBe(1)
  })
})
