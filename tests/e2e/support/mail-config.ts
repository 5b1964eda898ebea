import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Where the e2e SMTP server listens and keeps what it receives: one per E2E_PORT, so
// runs on different ports stay apart (3100 → 4700, 3206 → 4706).
const e2ePort = Number(process.env.E2E_PORT ?? 3100)
export const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 4700 + (e2ePort % 100))
export const mailDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), `../../.tmp/mail-${e2ePort}`)
