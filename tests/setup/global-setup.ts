import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { baseDatabase, prismaCli, root, tmpDir } from './paths.ts'

// Migrate one base database per run; each test worker copies it (it takes milliseconds).
export default function setup() {
  fs.mkdirSync(tmpDir, { recursive: true })
  for (const file of fs.readdirSync(tmpDir))
    if (/^(base|worker-\d+)\.db(-wal|-shm|-journal)?$/.test(file)) fs.rmSync(`${tmpDir}/${file}`)
  execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${baseDatabase}` },
    stdio: 'pipe',
  })
}
