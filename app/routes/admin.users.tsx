import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AdminLayout, formatCount } from '~/components/admin/admin-layout.tsx'
import { Pagination } from '~/components/admin/pagination.tsx'
import { UsersFilters } from '~/components/admin/users-filters.tsx'
import { UsersTable } from '~/components/admin/users-table.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { parseUserQuery, userQueryString } from '~/lib/admin/user-query.ts'
import { refusePost, requireAdmin } from '~/session/guards.server.ts'
import { listUsers } from '~/models/admin/users.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context)
  const query = parseUserQuery(new URL(request.url).searchParams)
  const now = new Date()
  return { query, now, ...(await listUsers(query, now)) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return refusePost(request, context)
}

export default function AdminUsersPage() {
  const { query, now, users, total, page, pageCount } = useLoaderData<typeof loader>()
  const link = (target: number) => `/admin/users${userQueryString(query, { page: target })}`
  return (
    <AdminLayout title="Users" description={`${formatCount(total)} user${total === 1 ? '' : 's'} in this view.`}>
      <UsersFilters query={query} />
      <UsersTable users={users} now={new Date(now)} />
      <Pagination
        label="Pages of users"
        status={`Page ${formatCount(page)} of ${formatCount(pageCount)}`}
        links={[
          { to: page > 1 ? link(1) : null, label: 'First' },
          { to: page > 1 ? link(page - 1) : null, label: 'Previous', rel: 'prev' },
          { to: page < pageCount ? link(page + 1) : null, label: 'Next', rel: 'next' },
          { to: page < pageCount ? link(pageCount) : null, label: 'Last' },
        ]}
      />
    </AdminLayout>
  )
}

export const meta: MetaFunction = () => [{ title: 'Users · Admin · Doorman' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
