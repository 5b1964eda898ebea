import fs from 'node:fs'
import { startSmtpSink } from '../../support/smtp-sink.ts'
import { mailDir, smtpPort } from './mail-config.ts'

// Playwright's globalSetup: a real SMTP server that the e2e server sends to (SMTP_URL in
// the webServer's env). Each message lands as an .eml file that specs read by recipient.
// Mail queued before this starts (none is, in practice) is simply retried by the server.
export default async function setup() {
  fs.rmSync(mailDir, { recursive: true, force: true })
  const sink = await startSmtpSink(smtpPort, { dir: mailDir })
  return () => sink.close()
}
