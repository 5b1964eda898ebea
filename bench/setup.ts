import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** A freshly migrated SQLite file in a temp folder, for one benchmark. */
export function freshDatabase(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-bench-'))
  const url = `file:${path.join(dir, `${name}.db`)}`
  execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  })
  return { url, dir }
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  return { mean, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 }
}

/** Drops and re-creates the PostgreSQL database `url` names, migrated; returns its URL. */
export async function freshPostgresDatabase(url: string) {
  const name = new URL(url).pathname.slice(1)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  await client.end()
  execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  })
  return url
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Rounds of one figure: their median and the range they spread over. */
export const spread = (values: number[]) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
})

/**
 * CPU seconds a process and its descendants have used (Linux /proc). Per request, this is
 * steadier than requests per second on a shared machine: it does not depend on how much of
 * the core the server was given.
 */
export function cpuSeconds(rootPid: number) {
  const processes = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        return [{ pid: Number(pid), parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }]
      } catch {
        return []
      }
    })
  const tree = new Set([rootPid])
  for (let grew = true; grew;) {
    grew = false
    for (const { pid, parent } of processes) if (tree.has(parent) && !tree.has(pid)) grew = Boolean(tree.add(pid))
  }
  return processes.filter(({ pid }) => tree.has(pid)).reduce((sum, { ticks }) => sum + ticks, 0) / 100
}

/** Transactions PostgreSQL has counted for the client's database (statistics lag up to ~10 s). */
export async function databaseTransactions(client: pg.Client) {
  const { rows } = await client.query<{ n: string }>(
    'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
  )
  return Number(rows[0]!.n)
}
