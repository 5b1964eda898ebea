import { execFileSync, spawn } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import { root } from '../../setup/paths.ts'

// Busy keep-alive clients that go on sending through a SIGTERM, and what each request
// came to. Every wait is bounded: a request gives up after REQUEST_TIMEOUT_MS, the clients
// stop at the deadline whatever happens, and the exit is awaited for as long only. Used by
// tests/integration/graceful-stop.test.ts and by hand: scripts/ci/stop-under-load.ts.

const REQUEST_TIMEOUT_MS = 5_000

export type StopFigures = {
  /** Clients whose keep-alive connection had been answered at least once when the signal came. */
  connectedAtSignal: number
  /** Requests that failed while the clients were first connecting (not counted below). */
  startupFailures: number
  /** Requests answered in the warm-up before the signal (some were in flight when it came). */
  answeredBefore: number
  /** Requests sent after the signal on connections that were open. */
  sentDuringStop: number
  answeredDuringStop: number
  /** Of those answered during the stop, how many said `Connection: close`. */
  closeDuringStop: number
  /** New connections refused once the server stopped listening: nothing was sent on them. */
  refusedNewConnections: number
  /** Requests sent that got no whole answer: reset before it, cut mid-body, timed out, not 200. */
  failures: string[]
  /** The stopped process's exit code; null when it did not exit before the deadline. */
  exitCode: number | null
  /** From the signal to the exit, in ms; null when it did not exit. */
  drainMs: number | null
}

type Outcome =
  { kind: 'answered'; status: number; connectionClose: boolean } | { kind: 'refused' } | { kind: 'failed'; why: string }

/** One GET on the agent's keep-alive socket, read to its end, never waiting past the timeout. */
function getOnce(agent: http.Agent, port: number, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false
    const settle = (outcome: Outcome) => {
      if (settled) return
      settled = true
      resolve(outcome)
    }
    const request = http.get({ host: '127.0.0.1', port, path, agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.on('data', () => {})
      response.on('end', () =>
        settle({
          kind: 'answered',
          status: response.statusCode ?? 0,
          connectionClose: String(response.headers.connection).toLowerCase() === 'close',
        }),
      )
      response.on('close', () => {
        if (!response.complete) settle({ kind: 'failed', why: `cut mid-body (${path})` })
      })
    })
    request.on('timeout', () => request.destroy(new Error('timeout')))
    request.on('error', (error: NodeJS.ErrnoException) => {
      // ECONNREFUSED: the connection was refused, so nothing was sent on it.
      if (error.code === 'ECONNREFUSED') settle({ kind: 'refused' })
      else settle({ kind: 'failed', why: `no answer: ${error.code ?? error.message} (${path})` })
    })
  })
}

export async function loadThroughStop(options: {
  port: number
  /** Sends the signal (to a process, its launcher, or its group). */
  signal: () => void
  /** Resolves with the exit code of the process whose exit ends the stop. */
  exited: Promise<number | null>
  clients?: number
  warmUpMs?: number
  /** The longest the clients may take to get their first answers. */
  connectWithinMs?: number
  /** The longest the stop may take, from the signal to the exit. */
  deadlineMs?: number
  paths?: string[]
}): Promise<StopFigures> {
  const { port, clients = 40, warmUpMs = 1_500, connectWithinMs = 30_000, deadlineMs = 15_000 } = options
  const paths = options.paths ?? ['/healthz', '/login']
  const figures: StopFigures = {
    connectedAtSignal: 0,
    startupFailures: 0,
    answeredBefore: 0,
    sentDuringStop: 0,
    answeredDuringStop: 0,
    closeDuringStop: 0,
    refusedNewConnections: 0,
    failures: [],
    exitCode: null,
    drainMs: null,
  }
  let signalledAt = 0
  let stopSending = false
  const answered = new Set<number>()
  let release = () => {}
  const allConnected = new Promise<void>((resolve) => (release = resolve))

  const client = async (index: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (let n = 0; !stopSending; n++) {
        // Once answered, wait for the others to connect before sending on (see below).
        if (answered.has(index)) await allConnected
        const during = signalledAt > 0
        const outcome = await getOnce(agent, port, paths[(index + n) % paths.length]!)
        if (outcome.kind === 'refused') {
          // Nothing was sent. After the signal the server stopped listening: this client is done.
          if (signalledAt > 0) figures.refusedNewConnections++
          else figures.failures.push('connection refused before the signal')
          return
        }
        if (during) figures.sentDuringStop++
        if (outcome.kind === 'failed') figures.failures.push(outcome.why)
        else if (outcome.status !== 200) figures.failures.push(`status ${outcome.status}`)
        else if (!during) {
          figures.answeredBefore++
          answered.add(index)
        } else {
          figures.answeredDuringStop++
          if (outcome.connectionClose) figures.closeDuringStop++
        }
        if (figures.failures.length > 100) return
      }
    } finally {
      agent.destroy()
    }
  }

  const running = Array.from({ length: clients }, (_, index) => client(index))
  // Steady load: every client on a keep-alive connection the app has accepted before the
  // load starts. Node accepts about one new connection per turn of its event loop, so 40
  // clients connecting into a busy server would wait in the kernel's listen queue for
  // seconds, and whatever waits there when the server stops listening is reset by the
  // kernel, unseen by the app. So each client sends one request, waits until all have had
  // an answer, and only then do they all send continuously.
  const connectStarted = Date.now()
  while (answered.size < clients && Date.now() - connectStarted < connectWithinMs) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  figures.startupFailures = figures.failures.length
  figures.failures = []
  figures.answeredBefore = 0
  release()
  await new Promise((resolve) => setTimeout(resolve, warmUpMs))
  figures.connectedAtSignal = answered.size
  signalledAt = Date.now()
  options.signal()
  let deadline: NodeJS.Timeout | undefined
  const exitCode = await Promise.race([
    options.exited,
    new Promise<'deadline'>((resolve) => (deadline = setTimeout(() => resolve('deadline'), deadlineMs))),
  ])
  clearTimeout(deadline)
  if (exitCode !== 'deadline') {
    figures.exitCode = exitCode
    figures.drainMs = Date.now() - signalledAt
  }
  stopSending = true
  // Each client ends within one request's timeout once told to stop.
  await Promise.all(running)
  return figures
}

export function describeFigures(label: string, figures: StopFigures) {
  return (
    `${label}: ${figures.connectedAtSignal} clients connected (${figures.startupFailures} failed while connecting), ${figures.answeredBefore} answered before the signal; during the stop ${figures.sentDuringStop} sent, ` +
    `${figures.answeredDuringStop} answered (${figures.closeDuringStop} with Connection: close), ` +
    `${figures.refusedNewConnections} new connections refused, ${figures.failures.length} failed` +
    `${figures.failures.length ? ` [${[...new Set(figures.failures)].join('; ')}]` : ''}; ` +
    `exit ${figures.exitCode ?? 'none before the deadline'}${figures.drainMs !== null ? ` after ${figures.drainMs} ms` : ''}`
  )
}

export type Launched = {
  /** The process a process manager would start and signal: node itself, or npm. */
  pid: number
  /** The app's own process: the same as `pid`, or npm's child. */
  appPid: number
  output: () => string
  exited: Promise<number | null>
  /** SIGKILL to the whole process group, if anything is left of it. */
  kill: () => void
}

/**
 * Starts the built app as a person or a process manager would: `node --import tsx
 * scripts/start.ts` or `npm start`, in a process group of its own (so that a test can
 * signal the group, and kill all of it afterwards), and waits until it listens.
 */
export async function launch(
  how: 'node' | 'npm',
  port: number,
  env: Record<string, string>,
  readyWithinMs = 180_000,
): Promise<Launched> {
  const childEnv: Record<string, string | undefined> = { ...process.env }
  delete childEnv.NODE_ENV // as a person runs it (Vitest sets "test")
  for (const name of Object.keys(childEnv)) if (name.startsWith('npm_')) delete childEnv[name]
  const [command, args] =
    how === 'node' ? [process.execPath, ['--import', 'tsx', 'scripts/start.ts']] : ['npm', ['start', '--silent']]
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    env: {
      ...childEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_REQUESTS: 'false',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + os.constants.signals[signal] : null))),
  )
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // Nothing left of the group.
    }
  }
  const startedAt = Date.now()
  while (!output.includes(`http://localhost:${port}`)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() - startedAt > readyWithinMs) {
      kill()
      throw new Error(`the app did not start (${how}):\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    pid: child.pid!,
    appPid: how === 'node' ? child.pid! : appIn(child.pid!),
    output: () => output,
    exited,
    kill,
  }
}

/** The app's process in the group npm leads: the node running scripts/start.ts (not a shell). */
function appIn(group: number): number {
  const app = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(group)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .find((match) => match && /scripts\/start\.ts/.test(match[2]!) && !/^(\/bin\/)?sh /.test(match[2]!))
  if (!app) throw new Error(`no app process in npm's process group ${group}`)
  return Number(app[1])
}

/** Whether a process is still there. */
export function isRunning(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
