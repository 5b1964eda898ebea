import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AdminLayout } from '~/components/admin/admin-layout.tsx'
import { AuditFilters } from '~/components/admin/audit-filters.tsx'
import { AuditTable } from '~/components/admin/audit-table.tsx'
import { Pagination } from '~/components/admin/pagination.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { auditQueryString, knownTimeZone, parseAuditQuery } from '~/lib/admin/audit-query.ts'
import { listAuditEvents } from '~/models/admin/audit.server.ts'
import { refusePost, requireAdmin } from '~/session/guards.server.ts'
import { eventTypes } from '~/models/security-event.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context)
  const params = new URL(request.url).searchParams
  const fields = {
    type: '',
    actor: '',
    target: '',
    from: '',
    to: '',
    ...Object.fromEntries(['type', 'actor', 'target', 'from', 'to'].map((key) => [key, params.get(key) ?? ''])),
  }
  const parsed = parseAuditQuery(params, eventTypes)
  // The zone the URL's days are in (the page says which); null: UTC, until the browser says.
  const tz = knownTimeZone(params.get('tz'))
  if (!parsed.ok)
    return data(
      {
        fields,
        tz,
        errors: parsed.errors,
        types: eventTypes,
        events: [],
        olderBefore: null,
        newerAfter: null,
        filters: '',
        page: { first: true },
      },
      { status: 400 },
    )
  const page = await listAuditEvents(parsed.query)
  const { before, after } = parsed.query
  return {
    fields,
    tz,
    errors: {} as Record<string, string>,
    types: eventTypes,
    ...page,
    filters: auditQueryString(parsed.query),
    page: { first: before === undefined && after === undefined },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return refusePost(request, context)
}

export default function AdminAuditPage() {
  const { fields, tz, errors, types, events, olderBefore, newerAfter, filters, page } = useLoaderData<typeof loader>()
  const join = (cursor: string) => `/admin/audit${filters ? `${filters}&${cursor}` : `?${cursor}`}`
  return (
    <AdminLayout title="Audit log" description="Every security event, newest first.">
      <AuditFilters fields={fields} urlZone={tz} errors={errors} types={types} csvHref={`/admin/audit.csv${filters}`} />
      <AuditTable events={events} />
      <Pagination
        label="Pages of events"
        status={page.first ? 'Newest events' : 'Older events'}
        links={[
          { to: page.first ? null : `/admin/audit${filters}`, label: 'Newest' },
          { to: newerAfter ? join(`after=${newerAfter}`) : null, label: 'Newer', rel: 'prev' },
          { to: olderBefore ? join(`before=${olderBefore}`) : null, label: 'Older', rel: 'next' },
        ]}
      />
    </AdminLayout>
  )
}

export const meta: MetaFunction = () => [{ title: 'Audit log · Admin · Doorman' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
