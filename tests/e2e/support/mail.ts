import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import { parseMail, type ReceivedMail } from '../../support/smtp-sink.ts'
import { mailDir } from './mail-config.ts'

/** Every message the e2e SMTP server has received for `to`, oldest first. */
export async function mailTo(to: string): Promise<ReceivedMail[]> {
  if (!fs.existsSync(mailDir)) return []
  const files = fs.readdirSync(mailDir).sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]))
  const all = await Promise.all(files.map((file) => parseMail(fs.readFileSync(path.join(mailDir, file)))))
  return all.filter((mail) => mail.to.includes(to))
}

/** Waits for a message to `to` whose subject matches. */
export async function waitForMail(to: string, subject: string | RegExp, timeout = 15_000): Promise<ReceivedMail> {
  const matches = (mail: ReceivedMail) =>
    typeof subject === 'string' ? mail.subject === subject : subject.test(mail.subject)
  let found: ReceivedMail | undefined
  await expect
    .poll(async () => (found = (await mailTo(to)).find(matches)) !== undefined, { timeout, message: `mail to ${to}` })
    .toBe(true)
  return found!
}

export const linkIn = (mail: ReceivedMail, pathStart: string) => {
  const link = mail.links.find((candidate) => new URL(candidate).pathname.startsWith(pathStart))
  if (!link) throw new Error(`no ${pathStart} link in "${mail.subject}"`)
  return link
}
