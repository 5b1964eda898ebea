// Authenticated throughput with one instance and with two, each behind nginx run with
// deploy/nginx.conf, on the same PostgreSQL database, in interleaved rounds: the ratio per
// round, then its median and spread. Called by bench/postgres.ts.
import autocannon from 'autocannon'
import { cpuSeconds, spread } from './setup.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const connections = 16

export const twoCoreNote =
  'This machine has 2 cores shared by PostgreSQL, nginx, the load generator and the instances. ' +
  'One instance already gets most of a core, so a second can only take what the others leave: ' +
  'the ratio shows that load spreads over two instances behind nginx with no errors and what the ' +
  'second costs, not how throughput grows with machines (that needs each instance on cores of its own).'

type Setup = {
  /** nginx in front of instance A alone, and in front of A and B. */
  one: string
  two: string
  path: string
  headers: Record<string, string>
  /** The instances' process ids, for the CPU they spend per request. */
  pids: number[]
}

export async function measureThroughput({ one, two, path, headers, pids }: Setup) {
  const load = (base: string, duration: number) => autocannon({ url: base + path, connections, duration, headers })
  const cpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)
  for (const base of [one, two]) {
    const warm = await load(base, 2)
    if (warm.non2xx > 0 || warm.errors > 0) throw new Error(`${base}${path}: ${warm.non2xx} not 2xx while warming up`)
  }
  const samples = { oneReqPerSec: [] as number[], twoReqPerSec: [] as number[], twoToOne: [] as number[] }
  const cpuMicros = { one: [] as number[], two: [] as number[] }
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so that neither always meets a warmer or busier machine.
    const order = round % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const)
    const reqPerSec = { one: 0, two: 0 }
    for (const setup of order) {
      const before = cpu()
      const result = await load(setup === 'one' ? one : two, seconds)
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${setup}: ${result.non2xx} responses not 2xx, ${result.errors} errors`)
      reqPerSec[setup] = result.requests.average
      cpuMicros[setup].push(((cpu() - before) * 1e6) / result.requests.total)
    }
    samples.oneReqPerSec.push(reqPerSec.one)
    samples.twoReqPerSec.push(reqPerSec.two)
    samples.twoToOne.push(reqPerSec.two / reqPerSec.one)
  }
  const summary = {
    path,
    seconds,
    rounds,
    connections,
    oneInstanceReqPerSec: spread(samples.oneReqPerSec),
    twoInstancesReqPerSec: spread(samples.twoReqPerSec),
    twoToOneRatio: spread(samples.twoToOne),
    appCpuMicrosPerRequest: { one: spread(cpuMicros.one), two: spread(cpuMicros.two) },
    note: twoCoreNote,
  }
  const { median, min, max } = summary.twoToOneRatio
  console.error(
    `throughput ${path}: one ${summary.oneInstanceReqPerSec.median.toFixed(0)} req/s, two ${summary.twoInstancesReqPerSec.median.toFixed(0)} req/s, ratio ${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)})\n  ${twoCoreNote}`,
  )
  return summary
}
