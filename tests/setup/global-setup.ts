import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { baseDatabase, prismaCli, root, tmpDir } from './paths.ts'

// Migrate one base database per run; each test worker copies it (it takes milliseconds).
// The `sqlite` and `integration` projects both name this setup: the second call of a run
// (same process) finds the base database made and leaves it, and the workers' copies, alone.
const made = '__doormanBaseDatabaseMade'

export default function setup() {
  const run = globalThis as { [made]?: boolean }
  if (run[made] && fs.existsSync(baseDatabase)) return
  fs.mkdirSync(tmpDir, { recursive: true })
  for (const file of fs.readdirSync(tmpDir))
    if (/^(base|worker-\d+)\.db(-wal|-shm|-journal)?$/.test(file)) fs.rmSync(`${tmpDir}/${file}`)
  execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${baseDatabase}` },
    stdio: 'pipe',
  })
  run[made] = true
}
