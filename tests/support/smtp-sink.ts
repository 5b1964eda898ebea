import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

// A real SMTP server for tests (the Nodemailer project's smtp-server): it accepts every
// message, parses it with mailparser, and keeps it in memory and, when given a folder,
// as an .eml file there (for e2e tests, whose workers run in other processes).

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; links: string[] }

export function linksIn(text: string) {
  return [...text.matchAll(/https?:\/\/[^\s<>]+/g)].map((match) => match[0])
}

export async function parseMail(raw: Buffer | string): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw)
  const addresses = [parsed.to ?? []].flat().flatMap((to) => to.value.map((address) => address.address ?? ''))
  const text = parsed.text ?? ''
  return { to: addresses, from: parsed.from?.text ?? '', subject: parsed.subject ?? '', text, links: linksIn(text) }
}

/** A TCP port nobody listens on right now (the system picks it), for a server started later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

export type SmtpSink = {
  port: number
  url: string
  messages: ReceivedMail[]
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
}

export async function startSmtpSink(
  port: number,
  options: { dir?: string; auth?: { user: string; pass: string } } = {},
): Promise<SmtpSink> {
  const messages: ReceivedMail[] = []
  let count = 0
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true })
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass)
        return callback(null, { user: auth.username })
      callback(new Error('Invalid username or password'))
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        if (options.dir) fs.writeFileSync(path.join(options.dir, `${Date.now()}-${++count}.eml`), raw)
        parseMail(raw).then(
          (mail) => {
            messages.push(mail)
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  server.on('error', () => {})
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const found = messages.find(predicate)
        if (found) return found
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error(
        `no such mail within ${timeoutMs} ms; received: ${messages.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'none'}`,
      )
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
