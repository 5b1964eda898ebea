import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { baseDatabase, root, tmpDir } from '../../setup/paths.ts'

// The production server as `npm start` runs it (building first when the build is stale),
// on its own port and its own copy of the migrated test database, without demo data.
// TRUST_PROXY=1 lets a test speak from any IP through X-Forwarded-For, so that tests
// sharing one server never share a throttle counter.

export type BuiltServer = Awaited<ReturnType<typeof startBuiltServer>>

export async function startBuiltServer(port: number, env: Record<string, string> = {}) {
  const file = path.join(tmpDir, `built-${port}-${process.pid}.db`)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.copyFileSync(baseDatabase, file)
  const childEnv: Record<string, string | undefined> = { ...process.env }
  delete childEnv.NODE_ENV // as a person runs it (Vitest sets "test")
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...childEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${file}`,
      LOG_REQUESTS: 'false',
      SEED_DEMO_DATA: 'false',
      TRUST_PROXY: '1',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  for (let tries = 0; ; tries++) {
    if (output.includes(`http://localhost:${port}`)) break
    if (child.exitCode !== null || tries > 1_500) {
      child.kill('SIGKILL')
      throw new Error(`the server did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const base = `http://localhost:${port}`
  return {
    base,
    output: () => output,
    /** The server's database, opened beside it (WAL: both can read and write). */
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(file)
      db.pragma('busy_timeout = 5000')
      try {
        return db.prepare(sql).all(...params) as T[]
      } finally {
        db.close()
      }
    },
    run(sql: string, ...params: unknown[]) {
      const db = new Database(file)
      db.pragma('busy_timeout = 5000')
      try {
        return db.prepare(sql).run(...params).changes
      } finally {
        db.close()
      }
    },
    client: (ip: string) => new Client(base, ip),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    },
  }
}

export const chromeUA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
export const password = 'correct horse battery'
export const uniqueEmail = (prefix = 'race') => `${prefix}-${randomBytes(6).toString('hex')}@example.com`

/**
 * One request on a connection of its own: a burst really opens as many connections, and no
 * request meets a keep-alive socket that the server closed meanwhile (ECONNRESET).
 */
function send(url: string, method: string, headers: Record<string, string>, body: string | null) {
  return new Promise<Response>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent: false,
        headers: body === null ? headers : { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () => {
          const responseHeaders = new Headers()
          for (const [name, value] of Object.entries(incoming.headers))
            for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one)
          const status = incoming.statusCode ?? 500
          resolve(
            new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), {
              status,
              headers: responseHeaders,
            }),
          )
        })
      },
    )
    request.on('error', reject)
    request.end(body ?? undefined)
  })
}

/** A browser, as far as the server can tell: one IP, one user agent, one cookie jar. */
export class Client {
  cookie = ''
  constructor(
    readonly base: string,
    readonly ip: string,
  ) {}

  async request(method: string, path: string, form?: Record<string, string>, cookie = this.cookie) {
    const headers: Record<string, string> = { 'User-Agent': chromeUA, 'X-Forwarded-For': this.ip }
    if (cookie) headers.Cookie = cookie
    if (method !== 'GET') headers.Origin = this.base
    const response = await send(this.base + path, method, headers, form ? String(new URLSearchParams(form)) : null)
    const set = response.headers.getSetCookie().find((value) => /^(__Host-)?doorman=/.test(value))
    if (set) {
      const pair = set.split(';')[0]!
      this.cookie = pair.endsWith('=') ? '' : pair
    }
    return response
  }

  get = (path: string) => this.request('GET', path)
  post = (path: string, form: Record<string, string>, cookie?: string) => this.request('POST', path, form, cookie)

  async signUp(email = uniqueEmail()) {
    const response = await this.post('/signup', { email, password, name: 'Race Test' })
    if (response.status !== 302) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`)
    return email
  }

  signIn(email: string, secret = password) {
    return this.post('/login', { email, password: secret })
  }
}
