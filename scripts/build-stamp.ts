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

/** Builds when stale (one builder at a time); returns false when the build failed. */
export function ensureBuild(): boolean {
  const hash = sourceHash()
  if (!isStale(hash)) return true
  for (;;) {
    try {
      fs.mkdirSync(lockDir)
      break
    } catch {
      // Another process builds; a lock older than ten minutes was left by a crash.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 600_000) fs.rmSync(lockDir, { recursive: true, force: true })
      sleep(500)
    }
  }
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
