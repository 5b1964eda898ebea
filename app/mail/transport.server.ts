import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { env } from '~/env.server.ts'

// Where mail goes: an SMTP server when SMTP_URL is set, else .eml files in MAIL_OUTBOX,
// so that a fresh install can show its mail without any setting.

export type OutgoingMail = { id: number; to: string; subject: string; text: string }
export type MailTransport = { describe: string; send(mail: OutgoingMail): Promise<void> }

const DEFAULT_FROM = 'Doorman <doorman@localhost>'

/** An SMTP transport with timeouts short enough that a dead server fails fast and is retried. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  const shown = new URL(url)
  return {
    describe: `SMTP ${shown.protocol}//${shown.host}`,
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}

/** Writes each message as an .eml file that any mail program opens. */
export function outboxTransport(directory: string, from: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    describe: `the outbox folder ${directory}`,
    async send(mail) {
      const info = await builder.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
      await fs.mkdir(directory, { recursive: true })
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      await fs.writeFile(path.join(directory, `${stamp}-${mail.id}.eml`), info.message as Buffer)
    },
  }
}

/** The transport this process's settings choose. */
export function configuredTransport(): MailTransport {
  const config = env()
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL, config.MAIL_FROM ?? DEFAULT_FROM)
  return outboxTransport(path.resolve(config.MAIL_OUTBOX), config.MAIL_FROM ?? DEFAULT_FROM)
}
