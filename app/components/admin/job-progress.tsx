import { Link } from '@remix-run/react'
import { useEffect } from 'react'
import { formatCount } from '~/components/admin/admin-layout.tsx'
import { Alert } from '~/components/forms.tsx'
import { useBackgroundRevalidator } from '~/components/live/background-refresh.ts'

type Job = {
  title: string
  status: 'running' | 'done' | 'failed'
  done: number
  expected: number | null
  message: string | null
}

const POLL_MS = 1_000

/**
 * A bulk job's progress (`/admin/sessions?job=…`). With JavaScript the page reloads its
 * data every second (a background refresh: watching is not activity); without, a refresh
 * tag inside <noscript> reloads the page.
 */
export function JobProgress({ job }: { job: Job | null }) {
  const revalidator = useBackgroundRevalidator()
  const running = job?.status === 'running'
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [running, revalidator])

  if (!job)
    return (
      <Alert tone="info">
        This job is not known here: it ended a while ago or the server restarted. The{' '}
        <Link to="/admin/audit" className="underline">
          audit log
        </Link>{' '}
        has its result.
      </Alert>
    )
  if (job.status !== 'running') return <Alert tone={job.status === 'done' ? 'success' : 'error'}>{job.message}</Alert>
  const max = job.expected !== null ? Math.max(job.expected, job.done) : undefined
  return (
    <section
      aria-labelledby="job-title"
      className="space-y-2 rounded-2xl border border-slate-200 p-5 dark:border-slate-800"
    >
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <h2 id="job-title" className="text-lg font-semibold">
        {job.title}…
      </h2>
      <progress className="w-full" value={job.done} max={max} aria-labelledby="job-title" />
      <p role="status" className="text-sm text-slate-700 dark:text-slate-200">
        {formatCount(job.done)} session{job.done === 1 ? '' : 's'} signed out
        {max !== undefined ? ` of about ${formatCount(max)}` : ''} so far. Other pages keep working meanwhile; you can
        leave this page.
      </p>
    </section>
  )
}
