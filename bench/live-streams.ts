// Live streams on real instances (decision 015), called by bench/postgres.ts:
// - database transactions per second caused by 1,000 idle open streams on instance B,
//   against the same instances with no stream open (goal: none per stream);
// - time from a revoke posted to instance A (the devices page's form) to the `ended` event
//   on that session's stream, open on instance B.
import type pg from 'pg'
import { Browser } from '../tests/integration/support/instances.ts'
import { databaseTransactions, summarize } from './setup.ts'

const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60)
// PostgreSQL flushes a backend's statistics within 10 s of it going idle.
const statisticsLag = () => new Promise((resolve) => setTimeout(resolve, 11_000))

export type StreamSession = { sessionId: string; cookie: string }
type Stream = Awaited<ReturnType<Browser['openStream']>>

/** Opens one live stream per session on `base`, a few at a time, as tabs would. */
export async function openStreams(base: string, origin: string, sessions: StreamSession[]) {
  const streams = new Map<string, Stream>()
  for (let start = 0; start < sessions.length; start += 50) {
    await Promise.all(
      sessions.slice(start, start + 50).map(async ({ sessionId, cookie }) => {
        const tab = new Browser(origin)
        tab.cookie = cookie
        streams.set(sessionId, await tab.openStream(base))
      }),
    )
  }
  return streams
}

/** Transactions per second on the whole database over `idleSeconds`, nothing else running. */
export async function idleTransactionsPerSecond(sql: pg.Client) {
  await statisticsLag()
  const before = await databaseTransactions(sql)
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1_000))
  const after = await databaseTransactions(sql)
  return (after - before - 1) / idleSeconds // the first reading is a transaction too
}

/** Compares the database's transaction rate without streams and with them open. */
export async function measureIdleStreams(sql: pg.Client, open: () => Promise<Map<string, Stream>>) {
  const withoutStreams = await idleTransactionsPerSecond(sql)
  const streams = await open()
  const withStreams = await idleTransactionsPerSecond(sql)
  const extra = withStreams - withoutStreams
  return {
    streams,
    idle: {
      streams: streams.size,
      seconds: idleSeconds,
      transactionsPerSecondWithoutStreams: withoutStreams,
      transactionsPerSecondWithStreams: withStreams,
      extraPerSecond: extra,
      extraPerStreamPerSecond: extra / streams.size,
      note:
        'Whole-database pg_stat_database transactions (xact_commit + xact_rollback), the instances running ' +
        'and nothing else; what remains is per instance: the listener ping and the 30 s floor re-check of all streams in batches of 500.',
    },
  }
}

type Revoke = { sessionId: string; actor: Browser }

/** Posts each revoke to A, one after another, and times it to `ended` on B's stream. */
export async function measureRevokeToEnded(A: string, revokes: Revoke[], streams: Map<string, Stream>) {
  const toEnded: number[] = []
  const toResponse: number[] = []
  for (const { sessionId, actor } of revokes) {
    const stream = streams.get(sessionId)!
    const started = Date.now()
    const response = actor.post(A, '/devices', { intent: 'revoke', sessionId }).then((answer) => {
      toResponse.push(Date.now() - started)
      return answer
    })
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no 'ended' for ${sessionId} within 10 s`)), 10_000)
    })
    const { at, text } = await Promise.race([stream.ended, timeout]).finally(() => clearTimeout(timer))
    if (!text.includes('revoked-by-user')) throw new Error(`unexpected end: ${text.slice(-200)}`)
    toEnded.push(at - started)
    const answer = await response
    if (answer.status !== 200) throw new Error(`the revoke on A answered ${answer.status}`)
  }
  return {
    revokes: revokes.length,
    postToEndedOnOtherInstanceMs: summarize(toEnded),
    postToResponseMs: summarize(toResponse),
    goalP99Ms: 1_000,
  }
}
