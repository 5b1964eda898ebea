// Playwright's webServer command: start the real production server (`npm start`
// builds if stale, migrates, seeds) on a brand-new database. Playwright starts its
// webServer before any globalSetup runs, so the old database is deleted here.
import { spawn } from 'node:child_process'
import fs from 'node:fs'

const databaseUrl = process.env.DATABASE_URL ?? ''
if (!databaseUrl.startsWith('file:')) {
  console.error(`e2e-server: DATABASE_URL must be a file: URL, got ${JSON.stringify(databaseUrl)}`)
  process.exit(1)
}
const databaseFile = databaseUrl.slice('file:'.length)
for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true })

const server = spawn('npm', ['start', '--silent'], { stdio: 'inherit', env: process.env })
// Playwright signals the whole process group; pass a signal on in case only we get it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
