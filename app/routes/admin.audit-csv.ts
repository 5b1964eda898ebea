import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { csvRow } from '~/lib/admin/csv.ts'
import { eventLocation } from '~/lib/event-text.ts'
import { parseAuditQuery } from '~/lib/admin/audit-query.ts'
import { auditBatches } from '~/models/admin/audit.server.ts'
import { refusePost, requireAdmin } from '~/session/guards.server.ts'
import { eventTypes } from '~/models/security-event.server.ts'

// The audit log's filtered view as CSV, streamed: each pull reads one keyset batch of
// ~1000 events and enqueues its lines, so a million rows never sit in memory, and a
// client that reads slowly (or goes away) stops the reading.

const HEADER = [
  'id',
  'time',
  'type',
  'actor_id',
  'actor_email',
  'target_user_id',
  'target_email',
  'session_id',
  'ip',
  'location',
  'device',
  'details',
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context)
  const parsed = parseAuditQuery(new URL(request.url).searchParams, eventTypes)
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(' '), { status: 400 })
  // The export is the whole filtered view, not the page the admin was looking at.
  const batches = auditBatches({ ...parsed.query, before: undefined, after: undefined })
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)))
    },
    async pull(controller) {
      const next = await batches.next()
      if (next.done) return controller.close()
      const lines = next.value.map((event) =>
        csvRow([
          event.id,
          event.createdAt,
          event.type,
          event.actorId,
          event.actorEmail,
          event.targetUserId,
          event.targetEmail,
          event.sessionId,
          event.ip,
          eventLocation(event.details),
          event.device,
          event.details,
        ]),
      )
      controller.enqueue(encoder.encode(lines.join('')))
    },
    async cancel() {
      await batches.return(undefined)
    },
  })
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-')
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="doorman-audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  return refusePost(request, context)
}
