import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { takeLock } from './build-stamp.ts'

// One builder at a time, and a builder killed mid-build does not leave every later
// `npm start` waiting for ever (its lock names a process that is gone).

const dirs: string[] = []
const lockIn = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-lock-'))
  dirs.push(dir)
  return path.join(dir, 'build.lock')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function holdLock(lock: string, pid: number) {
  fs.mkdirSync(lock)
  fs.writeFileSync(path.join(lock, 'pid'), String(pid))
}

describe('the build lock', () => {
  test('is taken over at once from a builder that was killed', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!
    const lock = lockIn()
    holdLock(lock, gone)
    const started = Date.now()
    takeLock(lock)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(fs.readFileSync(path.join(lock, 'pid'), 'utf8')).toBe(String(process.pid))
  })

  test('waits while its builder is alive, and is taken when that builder ends', () => {
    // Another process's builder: not our child (a child of ours would stay a zombie
    // while takeLock blocks this event loop, and a zombie still counts as alive).
    const builder = Number(spawnSync('sh', ['-c', 'sleep 1.5 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }).stdout)
    const lock = lockIn()
    holdLock(lock, builder)
    const started = Date.now()
    takeLock(lock)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    expect(fs.readFileSync(path.join(lock, 'pid'), 'utf8')).toBe(String(process.pid))
  })
})
