// `npm start` as a child process, and a cookie-keeping HTTP client for it: shared by the
// process tests in tests/integration and by `npm run bench`.
import { spawn, type ChildProcess } from 'node:child_process'
import { root } from '../../setup/paths.ts'

export type Started = {
  child: ChildProcess
  ready: Promise<void>
  exited: Promise<number | null>
  output: () => string
}

/** `npm start` (scripts/start.ts) with `env` on top of this process's environment, without NODE_ENV. */
export function startServer(env: Record<string, string>, options: { core?: number } = {}): Started {
  const inherited: Record<string, string | undefined> = { ...process.env }
  delete inherited.NODE_ENV // as a person runs it (Vitest sets "test")
  const command = [process.execPath, 'node_modules/tsx/dist/cli.mjs', 'scripts/start.ts']
  const pinned = options.core !== undefined ? ['taskset', '-c', String(options.core), ...command] : command
  const child = spawn(pinned[0]!, pinned.slice(1), {
    cwd: root,
    env: { ...inherited, LOG_REQUESTS: 'false', ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = (async () => {
    for (let tries = 0; tries < 900; tries++) {
      if (output.includes('Doorman is running at')) return
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`npm start did not get ready:\n${output}`)
  })()
  return { child, ready, exited, output: () => output }
}

export class HttpClient {
  cookie = ''
  constructor(readonly base: string) {}

  async request(method: string, path: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    }
    if (this.cookie) headers.Cookie = this.cookie
    if (method !== 'GET') headers.Origin = this.base
    const response = await fetch(this.base + path, {
      method,
      headers,
      redirect: 'manual',
      body: form ? new URLSearchParams(form) : undefined,
    })
    const set = response.headers.getSetCookie().find((value) => value.startsWith('__Host-doorman='))
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!
    return response
  }

  get = (path: string) => this.request('GET', path)
  post = (path: string, form: Record<string, string>) => this.request('POST', path, form)

  async signIn(email: string, password: string) {
    const response = await this.post('/login', { email, password })
    if (response.status !== 302 || !this.cookie) throw new Error(`sign-in as ${email} failed: ${response.status}`)
  }
}

/** Milliseconds one request takes, start to end of its body. */
export async function timed(send: () => Promise<Response>) {
  const started = performance.now()
  const response = await send()
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`)
  return performance.now() - started
}
