// The production build is stale when the sources it was made from changed: a hash of
// their contents, kept beside the build (mtimes change on every checkout, contents do
// not). `npm start` and the tests that start the built server share this, and a lock
// directory keeps two of them from building into the same folder at once.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stampFile = path.join(root, 'build/.source-hash')
const lockDir = path.join(root, 'build.lock')

function sourceHash(): string {
  const hash = createHash('sha256')
  const visit = (target: string) => {
    if (!fs.existsSync(target) || target.endsWith(`${path.sep}generated`)) return
    if (fs.statSync(target).isDirectory()) {
      for (const name of fs.readdirSync(target).sort()) visit(path.join(target, name))
    } else {
      hash.update(path.relative(root, target)).update(fs.readFileSync(target))
    }
  }
  for (const source of [
    'app',
    'public',
    'vite.config.ts',
    'tailwind.config.ts',
    'package-lock.json',
    'prisma/schema.prisma',
  ])
    visit(path.join(root, source))
  return hash.digest('hex')
}

function isStale(hash: string) {
  if (!fs.existsSync(path.join(root, 'build/server/index.js')) || !fs.existsSync(stampFile)) return true
  return fs.readFileSync(stampFile, 'utf8') !== hash
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether the lock was left behind: its builder's process is gone (killed mid-build, so
 * its `finally` never ran), or it names no builder after a minute (a crash between
 * making the directory and writing the pid).
 */
function isAbandoned(dir: string) {
  const owner = Number(fs.readFileSync(path.join(dir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0)
  if (owner > 0) return !isAlive(owner)
  const since = fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
  return Date.now() - since > 60_000
}

/** Makes `dir` as this process's lock, waiting while a live process holds it. */
export function takeLock(dir = lockDir) {
  for (let waited = false; ; waited = true) {
    try {
      fs.mkdirSync(dir)
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid))
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      try {
        if (isAbandoned(dir)) {
          fs.rmSync(dir, { recursive: true, force: true })
          continue
        }
      } catch {
        continue // the lock went away meanwhile: try again at once
      }
      if (!waited) console.log('Waiting for another process to finish building…')
      sleep(500)
    }
  }
}

/** Builds when stale (one builder at a time); returns false when the build failed. */
export function ensureBuild(): boolean {
  const hash = sourceHash()
  if (!isStale(hash)) return true
  takeLock()
  try {
    if (!isStale(hash)) return true
    const started = Date.now()
    const result = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    if (result.status !== 0) return false
    fs.writeFileSync(stampFile, hash)
    console.log(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return true
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}
