import { randomBytes } from 'node:crypto'

// Long admin jobs (bulk sign-outs) run in the background of the process that received the
// request; the page polls their progress here. In memory on purpose: a job is minutes at
// most, its outcome is in the audit log (one security event), and a restart ends it anyway.
// With several instances, the progress page must reach the instance that runs the job
// (docs/decisions/009).

export type JobStatus = 'running' | 'done' | 'failed'
export type JobView = {
  id: string
  title: string
  status: JobStatus
  /** Sessions (or rows) done so far, and how many the preview expected, if known. */
  done: number
  expected: number | null
  message: string | null
  startedAt: string
  finishedAt: string | null
}
type Job = JobView & { ownerId: string }

const KEEP_FINISHED_MS = 60 * 60_000
const KEEP_AT_MOST = 100
const key = Symbol.for('doorman.jobs')
const global = globalThis as { [key]?: Map<string, Job> }
const jobs = (global[key] ??= new Map())

function forgetOldJobs(now: number) {
  for (const [id, job] of jobs) {
    const old = job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_FINISHED_MS
    if (old || (jobs.size > KEEP_AT_MOST && job.status !== 'running')) jobs.delete(id)
  }
}

/**
 * Starts `run` in the background. It reports progress through its argument and resolves
 * with the sentence that tells the outcome. `finished` settles when it ends (never rejects).
 */
export function startJob(options: {
  ownerId: string
  title: string
  expected: number | null
  run: (progress: (done: number) => void) => Promise<string>
}) {
  forgetOldJobs(Date.now())
  const job: Job = {
    id: randomBytes(9).toString('base64url'),
    ownerId: options.ownerId,
    title: options.title,
    status: 'running',
    done: 0,
    expected: options.expected,
    message: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  }
  jobs.set(job.id, job)
  const finish = (status: JobStatus, message: string) =>
    Object.assign(job, { status, message, finishedAt: new Date().toISOString() })
  const finished = options
    .run((done) => (job.done = done))
    .then(
      (message) => finish('done', message),
      (error: unknown) => {
        console.error(`${job.title} failed:`, error instanceof Error ? error.message : error)
        const reason = error instanceof Response ? 'the database is not available' : 'an unexpected error'
        finish('failed', `Stopped after ${job.done.toLocaleString('en-US')} because of ${reason}. Try again.`)
      },
    )
    .then(() => view(job))
  return { id: job.id, finished }
}

function view({ ownerId: _owner, ...job }: Job): JobView {
  return { ...job }
}

/** The job, if this process runs or ran it for this admin. */
export function jobFor(id: string, ownerId: string): JobView | null {
  const job = jobs.get(id)
  return job && job.ownerId === ownerId ? view(job) : null
}
