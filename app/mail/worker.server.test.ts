import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { enqueueMail, type MailInput } from '~/mail/queue.server.ts'
import { outboxTransport, smtpTransport } from '~/mail/transport.server.ts'
import { MailWorker, retryDelay } from '~/mail/worker.server.ts'
import { transact } from '~/unit-of-work/transaction.server.ts'
import { freePort, parseMail, startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink.ts'

// The queue and its worker against a real SMTP server on a free local port.

/** Queues one message in a transaction of its own, as a change would. */
const enqueue = (input: MailInput) => transact((tx) => enqueueMail(tx, input))

const FROM = 'Doorman <doorman@example.com>'
const open: Array<{ stop?: () => Promise<void>; close?: () => Promise<void> }> = []
afterEach(async () => {
  for (const thing of open.splice(0)) await (thing.stop ?? thing.close)!.call(thing)
})

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.com`

async function sink(port: number, options?: Parameters<typeof startSmtpSink>[1]): Promise<SmtpSink> {
  const started = await startSmtpSink(port, options)
  open.push(started)
  return started
}

function worker(url: string, options: { retryBaseMs?: number; maxAttempts?: number } = {}) {
  const started = new MailWorker({ transport: smtpTransport(url, FROM), idlePollMs: 200, ...options }).start()
  open.push(started)
  return started
}

const rowFor = (to: string) => db.mailMessage.findFirstOrThrow({ where: { to } })

describe('the mail queue', () => {
  test('a queued message reaches the SMTP server with its recipient, sender and subject', async () => {
    const smtp = await sink(await freePort())
    worker(smtp.url)
    const to = unique('queued')
    await enqueue({ kind: 'test', to, subject: 'Hello from the queue', text: 'Open https://example.com/x' })
    const mail = await smtp.waitFor((m) => m.to.includes(to))
    expect(mail.subject).toBe('Hello from the queue')
    expect(mail.from).toContain('doorman@example.com')
    expect(mail.links).toEqual(['https://example.com/x'])
    await expect.poll(async () => (await rowFor(to)).status).toBe('sent')
  })

  test('SMTP authentication from the URL is used', async () => {
    const port = await freePort()
    const smtp = await sink(port, { auth: { user: 'doorman', pass: 's3cret' } })
    worker(`smtp://doorman:s3cret@127.0.0.1:${port}`)
    const to = unique('auth')
    await enqueue({ kind: 'test', to, subject: 'Authenticated', text: 'hi' })
    await smtp.waitFor((m) => m.to.includes(to))
  })

  test('while the server is down the message waits, with the error recorded, and goes out once it is back', async () => {
    const to = unique('down')
    const port = await freePort()
    worker(`smtp://127.0.0.1:${port}`, { retryBaseMs: 300 })
    await enqueue({ kind: 'test', to, subject: 'Eventually', text: 'hi' })
    await expect.poll(async () => (await rowFor(to)).lastError, { timeout: 10_000 }).toMatch(/ECONNREFUSED/)
    expect((await rowFor(to)).status).toBe('pending')
    const smtp = await sink(port)
    await smtp.waitFor((m) => m.to.includes(to), 15_000)
    const row = await rowFor(to)
    expect(row.status).toBe('sent')
    expect(row.attempts).toBeGreaterThan(1)
  })

  test('after the last attempt a message is marked failed and kept with its error', async () => {
    const to = unique('gives-up')
    worker(`smtp://127.0.0.1:${await freePort()}`, { retryBaseMs: 50, maxAttempts: 3 })
    await enqueue({ kind: 'test', to, subject: 'Never', text: 'hi' })
    await expect.poll(async () => (await rowFor(to)).status, { timeout: 10_000 }).toBe('failed')
    const row = await rowFor(to)
    expect(row.attempts).toBe(3)
    expect(row.lastError).toMatch(/ECONNREFUSED/)
  })

  test('three workers draining the same queue in parallel send each message once', async () => {
    const smtp = await sink(await freePort())
    const recipients = Array.from({ length: 12 }, (_, i) => unique(`parallel-${i}`))
    // Queue first (no worker of this process is listening yet), then wake all three at once.
    await Promise.all(recipients.map((to) => enqueue({ kind: 'test', to, subject: 'Once', text: 'hi' })))
    const workers = [worker(smtp.url), worker(smtp.url), worker(smtp.url)]
    await Promise.all(workers.map((w) => w.wake()))
    await expect.poll(() => smtp.messages.filter((m) => recipients.includes(m.to[0]!)).length).toBe(12)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const received = smtp.messages.filter((m) => recipients.includes(m.to[0]!)).map((m) => m.to[0])
    expect(new Set(received).size).toBe(received.length)
  })

  test('a dedupe key lets one message through', async () => {
    const key = `dedupe-${Math.random()}`
    const results = await Promise.all(
      [1, 2, 3].map(() => enqueue({ kind: 'test', to: unique('d'), subject: 's', text: 't', dedupeKey: key })),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  test('retry delays double and are capped at an hour', () => {
    expect([1, 2, 3].map((n) => retryDelay(n, 15_000))).toEqual([15_000, 30_000, 60_000])
    expect(retryDelay(30, 15_000)).toBe(3_600_000)
  })
})

describe('the outbox', () => {
  test('without SMTP, messages become .eml files that parse back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-outbox-'))
    await outboxTransport(dir, FROM).send({ id: 7, to: 'someone@example.com', subject: 'Outbox', text: 'Hi there' })
    const files = fs.readdirSync(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/-7\.eml$/)
    const mail = await parseMail(fs.readFileSync(path.join(dir, files[0]!)))
    expect(mail).toMatchObject({ to: ['someone@example.com'], subject: 'Outbox', text: 'Hi there\n' })
    fs.rmSync(dir, { recursive: true })
  })
})
