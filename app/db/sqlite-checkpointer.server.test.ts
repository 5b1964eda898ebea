import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { startCheckpointer, type Checkpointer } from '~/db/sqlite-checkpointer.server.ts'

const dirs: string[] = []
const running: Checkpointer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((checkpointer) => checkpointer.stop()))
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A WAL database whose own connection never checkpoints, with `rows` rows only in its log. */
function databaseWithLog(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'))
  dirs.push(dir)
  const file = path.join(dir, 'app.db')
  const connection = new Database(file)
  connection.pragma('journal_mode = WAL')
  connection.pragma('wal_autocheckpoint = 0')
  connection.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)')
  const insert = connection.prepare('INSERT INTO note (body) VALUES (?)')
  connection.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(500))
  })()
  return { file, connection }
}

const start = (file: string, options?: Parameters<typeof startCheckpointer>[1]) => {
  const checkpointer = startCheckpointer(file, options)
  running.push(checkpointer)
  return checkpointer
}

async function waitFor(condition: () => boolean, ms = 5_000) {
  const until = Date.now() + ms
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('the WAL checkpointer', () => {
  test('copies the log into the database file by itself, in its own thread', async () => {
    const { file, connection } = databaseWithLog(2_000)
    const before = fs.statSync(file).size
    start(file, { idleMs: 20 })
    // The rows reach the database file itself, which only a checkpoint writes.
    await waitFor(() => fs.statSync(file).size > before + 500_000)
    expect(connection.prepare('SELECT count(*) AS n FROM note').get()).toEqual({ n: 2_000 })
    connection.close()
  })

  test('reports what it copied when asked, and that nothing is left', async () => {
    const { file, connection } = databaseWithLog(500)
    const checkpointer = start(file, { idleMs: 60_000 })
    const first = await checkpointer.checkpoint()
    expect(first).toMatchObject({ ok: true, busy: 0 })
    if (!first.ok) throw new Error('unreachable')
    expect(first.log).toBeGreaterThan(50)
    expect(first.checkpointed).toBe(first.log)
    connection.close()
  })

  test('never creates a database whose file was deleted; it says why instead', async () => {
    const { file, connection } = databaseWithLog(10)
    connection.close()
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    const checkpointer = start(file, { idleMs: 60_000 })
    const result = await checkpointer.checkpoint()
    expect(result).toMatchObject({ ok: false })
    expect(fs.existsSync(file)).toBe(false)
  })

  test('follows a database file replaced under it', async () => {
    const first = databaseWithLog(10)
    const checkpointer = start(first.file, { idleMs: 60_000 })
    expect(await checkpointer.checkpoint()).toMatchObject({ ok: true })
    first.connection.close()
    const replacement = databaseWithLog(0)
    replacement.connection.close()
    fs.renameSync(replacement.file, first.file)
    // Rows written to the new file after the swap, only in its log.
    const connection = new Database(first.file)
    connection.pragma('wal_autocheckpoint = 0')
    const insert = connection.prepare('INSERT INTO note (body) VALUES (?)')
    connection.transaction(() => {
      for (let i = 0; i < 800; i++) insert.run('y'.repeat(500))
    })()
    const result = await checkpointer.checkpoint()
    expect(result).toMatchObject({ ok: true })
    if (!result.ok) throw new Error('unreachable')
    expect(result.log).toBeGreaterThan(50) // the new file's log, not the old one's
    connection.close()
  })
})
