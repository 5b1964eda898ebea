import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compressResponses } from './compression.ts'

// A real server with the middleware, written to the way Remix's adapter writes: chunks
// through res.write, each followed by res.flush(), then res.end().
const page = Buffer.from('<p>Signed in on Chrome 131 on Windows 11.</p>\n'.repeat(300))
let server: http.Server
let base: string

beforeAll(async () => {
  const app = express()
  app.use(compressResponses())
  const stream = (chunks: Buffer[], type: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader('Content-Type', type)
    for (const chunk of chunks) {
      res.write(chunk)
      ;(res as express.Response & { flush: () => void }).flush()
    }
    res.end()
  }
  app.get('/page', stream([page.subarray(0, 2048), page.subarray(2048, 6000), page.subarray(6000)], 'text/html'))
  app.get('/tiny', stream([Buffer.from('[{"_1":2},"root"]')], 'text/x-script'))
  app.get('/events', (_req, res) => {
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8')
    res.flushHeaders()
    res.write('event: hello\ndata: {}\n\n'.repeat(100))
    // The stream stays open: the client must get the frame without the end.
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

const get = (path: string, encoding = 'br, gzip') =>
  new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })

describe('compression', () => {
  test('a page is compressed with Brotli, or gzip for clients without it, and arrives whole', async () => {
    const br = await get('/page')
    expect(br.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(br.body).equals(page)).toBe(true)
    expect(br.body.length).toBeLessThan(page.length / 10)
    const gzip = await get('/page', 'gzip')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gzip.body).equals(page)).toBe(true)
  })

  test('a tiny streamed body goes out uncompressed', async () => {
    const tiny = await get('/tiny')
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('[{"_1":2},"root"]')
  })

  test('the event stream is never compressed nor held back', async () => {
    const first = await new Promise<{ encoding?: string; text: string }>((resolve, reject) => {
      const request = http.get(`${base}/events`, { headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve({ encoding: res.headers['content-encoding'], text: chunk.toString() })
          request.destroy()
        })
      })
      request.on('error', reject)
    })
    expect(first.encoding).toBeUndefined()
    expect(first.text.startsWith('event: hello\n')).toBe(true)
  })
})
