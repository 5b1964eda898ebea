import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { hashPassword } from '../app/models/password.server.ts'
import { baseDatabase, tmpDir } from '../tests/setup/paths.ts'
import { demoRefusal, FIRST_ADMIN_HINT, isLoopback } from './demo-guard.ts'

const file = path.join(tmpDir, `demo-guard-${process.pid}.db`)
fs.copyFileSync(baseDatabase, file)
const url = `file:${file}`
afterAll(() => fs.rmSync(file, { force: true }))

async function addUser(email: string, password: string, disabled = false) {
  const sqlite = new Database(file)
  const now = new Date().toISOString().replace('Z', '+00:00')
  sqlite
    .prepare(
      'INSERT INTO "User" (id, email, passwordHash, role, disabledAt, passwordChangedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(email, email, await hashPassword(password), 'admin', disabled ? now : null, now, now, now)
  sqlite.close()
}

describe('demo accounts and the listening address', () => {
  test('loopback addresses', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(isLoopback(host)).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com', '127.0.0.1.example.com'])
      expect(isLoopback(host)).toBe(false)
  })

  test('on loopback the demo stays', async () => {
    expect(await demoRefusal({ HOST: '127.0.0.1', SEED_DEMO_DATA: true, DATABASE_URL: url })).toBeNull()
  })

  test('beyond loopback, demo seeding is refused with how to create the first admin', async () => {
    const line = await demoRefusal({ HOST: '0.0.0.0', SEED_DEMO_DATA: true, DATABASE_URL: url })
    expect(line).toContain('SEED_DEMO_DATA')
    expect(line).toContain(FIRST_ADMIN_HINT)
    expect(line).not.toContain('\n')
  })

  test('beyond loopback, a demo account that accepts its public password is refused; changed or disabled ones are not', async () => {
    const refusal = () => demoRefusal({ HOST: '0.0.0.0', SEED_DEMO_DATA: false, DATABASE_URL: url })
    expect(await refusal()).toBeNull()
    await addUser('demo@example.com', 'a password nobody published')
    await addUser('admin@example.com', 'doorman-admin', true)
    expect(await refusal()).toBeNull()
    const sqlite = new Database(file)
    sqlite.prepare(`UPDATE "User" SET disabledAt = NULL WHERE email = 'admin@example.com'`).run()
    sqlite.close()
    const line = await refusal()
    expect(line).toContain('admin@example.com')
    expect(line).not.toContain('demo@example.com')
    expect(line).toContain(FIRST_ADMIN_HINT)
  })
})
