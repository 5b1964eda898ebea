import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { root } from '../../setup/paths.ts'

// The BUILT server as `npm start` runs it (node with tsx as an import hook), on a port
// and database file of the test's own. Output is kept for assertions and failures.

export type Running = {
  child: ChildProcess
  base: string
  dir: string
  databaseFile: string
  output: () => string
  exited: Promise<number | null>
  stop: () => Promise<number | null>
}

export async function startBuiltServer(
  port: number,
  options: { env?: Record<string, string>; dir?: string; waitFor?: string; serveOnly?: boolean } = {},
): Promise<Running> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-server-'))
  const databaseFile = path.join(dir, 'doorman.db')
  const env: Record<string, string | undefined> = { ...process.env }
  delete env.NODE_ENV
  // serveOnly: the server alone, as a process manager would run it after `npm run build`
  // and the migrations (no build check, no migrations, no seed): a quick start for tests.
  const serve = `const { startServer } = await import('./server/index.ts'); await startServer(); console.log('http://localhost:${port}')`
  const args = options.serveOnly
    ? ['--import', 'tsx', '--input-type=module', '-e', serve]
    : ['--import', 'tsx', 'scripts/start.ts']
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      DATABASE_URL: `file:${databaseFile}`,
      LOG_REQUESTS: 'false',
      COOKIE_SECURE: 'false',
      ...(options.serveOnly ? { NODE_ENV: 'production' } : {}),
      ...options.env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = options.waitFor ?? `http://localhost:${port}`
  for (let tries = 0; !output.includes(ready); tries++) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`)
    if (tries > 900) throw new Error(`the server did not get ready:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const code = await exited
    clearTimeout(timer)
    return code
  }
  return { child, base: `http://localhost:${port}`, dir, databaseFile, output: () => output, exited, stop }
}

/** The session cookie pair (`name=value`) a response sets, if any. */
export function sessionCookie(response: Response) {
  const set = response.headers.getSetCookie().find((value) => /^(__Host-)?doorman=/.test(value))
  return set?.split(';')[0] ?? null
}
