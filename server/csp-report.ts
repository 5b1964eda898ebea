import express, { type Request, type Response } from 'express'

// Where browsers send Content-Security-Policy violations (report-uri and report-to).
// One log line per report, at most REPORTS_PER_MINUTE a minute in all (a page in a
// loop, or anyone, can send them), cut to what helps: the directive and the blocked URL.

const REPORTS_PER_MINUTE = 60
let windowStart = 0
let inWindow = 0

const parse = express.json({ type: () => true, limit: '16kb' })

export function cspReports(req: Request, res: Response) {
  const now = Date.now()
  if (now - windowStart > 60_000) {
    windowStart = now
    inWindow = 0
  }
  if (++inWindow > REPORTS_PER_MINUTE) {
    res.status(429).set('Retry-After', '60').type('text/plain').send('Too many reports.')
    return
  }
  parse(req, res, (error?: unknown) => {
    if (error) return res.status(400).type('text/plain').send('Unreadable report.')
    for (const report of reportsIn(req.body)) {
      const text = (value: unknown) => String(value ?? '').slice(0, 200)
      console.warn(
        `csp violation: ${text(report['effective-directive'] ?? report.effectiveDirective ?? report['violated-directive'])} blocked ${text(report['blocked-uri'] ?? report.blockedURL)} on ${text(report['document-uri'] ?? report.documentURL)}`,
      )
    }
    res.status(204).end()
  })
}

/** The reports in either format: `{"csp-report": {...}}` or `[{type, body: {...}}]`. */
function reportsIn(body: unknown): Record<string, unknown>[] {
  if (Array.isArray(body))
    return body.slice(0, 10).map((entry) => (entry as { body?: Record<string, unknown> })?.body ?? {})
  const single = (body as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report']
  return single ? [single] : []
}
