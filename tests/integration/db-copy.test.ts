import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/db.server.ts'
import { recordFailure } from '~/models/login-throttle.server.ts'
import { createSession } from '~/session/session.server.ts'
import { firefoxOnLinux, makeUser } from '../setup/factories.ts'
import { root } from '../setup/paths.ts'
import { prefix, urlOf, withAdmin } from '../setup/postgres.ts'

// `npm run db:copy` from this worker's SQLite database into a PostgreSQL database that does
// not exist yet, run as the real command; then a cookie made on SQLite is validated by the
// app running on the copy.
const tsx = path.join(root, 'node_modules/.bin/tsx')
const cliTimeout = 120_000
const database = `${prefix}copy_${randomBytes(4).toString('hex')}`
const target = urlOf(database)
const source = process.env.DATABASE_URL!

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(tsx, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: cliTimeout,
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}
const copy = () => run(['scripts/db/copy.ts', '--from', source, '--to', target])
const outcome = (output: string) => JSON.parse(output.split('\n').find((line) => line.startsWith('{"ok"')) ?? '{}')
const counts = async () => ({
  users: await db.user.count(),
  sessions: await db.session.count(),
  events: await db.securityEvent.count(),
  throttles: await db.loginThrottle.count(),
})

let user: Awaited<ReturnType<typeof makeUser>>
let token: string
let first: ReturnType<typeof run>
let before: Awaited<ReturnType<typeof counts>>

beforeAll(async () => {
  user = await makeUser()
  ;({ token } = await createSession({ userId: user.id, persistent: true, client: firefoxOnLinux }))
  await recordFailure(user.email, '192.0.2.9')
  before = await counts()
  first = copy()
}, cliTimeout)

afterAll(async () => {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
})

describe('npm run db:copy', () => {
  it('migrates the new target, copies every table and verifies the counts', () => {
    expect(first.output).toContain('Copied and verified')
    expect(first.status).toBe(0)
    expect(first.output).toContain(`${before.users.toLocaleString('en')} users`)
    expect(first.output).toContain(`${before.sessions.toLocaleString('en')} sessions`)
    expect(first.output).toContain(`${before.events.toLocaleString('en')} security events`)
    expect(first.output).toContain(`${before.throttles.toLocaleString('en')} sign-in throttles`)
    expect(before.throttles).toBeGreaterThan(0)
  })

  it('the same cookie keeps working on the copy', { timeout: cliTimeout }, () => {
    const check = run(['tests/integration/support/validate-token.ts'], { DATABASE_URL: target, SESSION_TOKEN: token })
    expect(check.status).toBe(0)
    expect(outcome(check.output)).toEqual({ ok: true, email: user.email })
    const forged = run(['tests/integration/support/validate-token.ts'], {
      DATABASE_URL: target,
      SESSION_TOKEN: `${token.slice(0, -2)}AA`,
    })
    expect(outcome(forged.output)).toEqual({ ok: false, reason: 'unknown' })
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
