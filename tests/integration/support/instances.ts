import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { root } from '../../setup/paths.ts'

// Built Doorman instances (`npm start`, production mode) and an nginx in front of them,
// for tests that need several app servers sharing one database, and for `npm run bench`.

/** `count` different ports that nobody listens on now: runs side by side never meet. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer())
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))))
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port)
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  return ports
}

export type Instance = {
  port: number
  url: string
  child: ChildProcess
  output: () => string
  stop: () => Promise<void>
}

export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const base: Record<string, string | undefined> = { ...process.env }
  delete base.NODE_ENV // as a person runs it
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...base,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_REQUESTS: 'false',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  for (let tries = 0; ; tries++) {
    if (output.includes('Doorman is running at')) break
    if (child.exitCode !== null || tries > 1_500) throw new Error(`instance on ${port} did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** Renders deploy/nginx.conf (the file the README shows) and runs nginx with it. */
export async function startNginx(listen: number, upstreamPorts: number[], prefix: string) {
  fs.mkdirSync(prefix, { recursive: true })
  const config = fs
    .readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8')
    .replaceAll('{{LISTEN}}', String(listen))
    .replaceAll('{{PREFIX}}', prefix)
    .replace('{{UPSTREAMS}}', upstreamPorts.map((port) => `        server 127.0.0.1:${port};`).join('\n'))
  const file = path.join(prefix, 'nginx.conf')
  fs.writeFileSync(file, config)
  const binary = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx'
  const child = spawn(binary, ['-p', prefix, '-c', file, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  for (let tries = 0; ; tries++) {
    const up = await fetch(`http://127.0.0.1:${listen}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
    if (up) break
    if (child.exitCode !== null || tries > 100) throw new Error(`nginx did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url: `http://127.0.0.1:${listen}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT')
      await exited
    },
  }
}

// One browser for every request of a session: another User-Agent would look like a stolen cookie.
export const userAgent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/** A browser, as far as cookies and the Origin header go. */
export class Browser {
  cookie = ''
  constructor(private origin: string) {}

  async request(base: string, method: string, pathname: string, form?: Record<string, string>, origin = this.origin) {
    const headers: Record<string, string> = { 'User-Agent': userAgent }
    if (this.cookie) headers.Cookie = this.cookie
    if (method !== 'GET') headers.Origin = origin
    const response = await fetch(base + pathname, {
      method,
      headers,
      redirect: 'manual',
      body: form ? new URLSearchParams(form) : undefined,
    })
    const set = response.headers.getSetCookie().find((value) => value.startsWith('__Host-doorman='))
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!
    return response
  }

  get = (base: string, pathname: string) => this.request(base, 'GET', pathname)
  post = (base: string, pathname: string, form: Record<string, string>) => this.request(base, 'POST', pathname, form)

  async signIn(base: string, email: string, password: string) {
    const response = await this.post(base, '/login', { email, password })
    if (response.status !== 302 || !this.cookie) throw new Error(`sign-in failed: ${response.status}`)
  }

  /** Opens the live stream; resolves `ended` with the time the `ended` event arrived. */
  async openStream(base: string) {
    const response = await fetch(`${base}/session/events`, {
      headers: { Cookie: this.cookie, 'User-Agent': userAgent },
    })
    if (response.status !== 200) throw new Error(`the live stream answered ${response.status}`)
    const reader = response.body!.getReader()
    let text = ''
    let hello!: () => void
    let refused!: (error: Error) => void
    const opened = new Promise<void>((resolve, reject) => ((hello = resolve), (refused = reject)))
    const ended = (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream closed without 'ended': ${text}`)
        text += new TextDecoder().decode(value)
        if (text.includes('event: hello')) hello()
        if (text.includes('event: ended')) {
          hello() // a stream refused at once: let the test see why
          return { at: Date.now(), text }
        }
      }
    })()
    ended.catch((error: Error) => refused(error)) // closed before its first event: the opener hears why
    await opened
    return { ended, cancel: () => reader.cancel().catch(() => {}) }
  }
}
