import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AdminLayout, AdminSection } from '~/components/admin/admin-layout.tsx'
import { BarChart } from '~/components/admin/bar-chart.tsx'
import { DailyChart } from '~/components/admin/daily-chart.tsx'
import { StatGrid } from '~/components/admin/stat-grid.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { LocalTime } from '~/components/relative-time.tsx'
import { refusePost, requireAdmin } from '~/session/guards.server.ts'
import { getOverview } from '~/models/admin/overview.server.ts'

const deviceTypeNames: Record<string, string> = {
  desktop: 'Desktop',
  mobile: 'Phone',
  tablet: 'Tablet',
  tv: 'TV',
  other: 'Other',
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context)
  return getOverview(new Date())
}

export async function action({ request, context }: ActionFunctionArgs) {
  return refusePost(request, context)
}

export default function AdminOverviewPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <AdminLayout
      title="Admin overview"
      description={
        <>
          Sign-in activity across Doorman, as of <LocalTime date={new Date(data.now)} />.
        </>
      }
    >
      <StatGrid
        stats={[
          { label: 'Active sessions', value: data.activeSessions },
          { label: 'Users active in the last 24 hours', value: data.activeUsers24h },
          { label: 'Sign-ins today', value: data.signInsToday, hint: 'Since midnight UTC' },
          { label: 'Failed sign-ins today', value: data.failedToday, hint: 'Since midnight UTC' },
        ]}
      />
      <AdminSection
        id="breakdown-title"
        title="Active sessions by device"
        description="What the signed-in sessions run on right now."
      >
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
          <BarChart
            id="by-type"
            title="Device type"
            rows={data.byDeviceType.map((row) => ({ ...row, name: deviceTypeNames[row.name] ?? row.name }))}
            unit="Active sessions"
          />
          <BarChart id="by-browser" title="Browser" rows={data.byBrowser} unit="Active sessions" />
          <BarChart id="by-os" title="Operating system" rows={data.byOs} unit="Active sessions" />
        </div>
      </AdminSection>
      <AdminSection id="daily-title" title="The last 14 days">
        <DailyChart id="daily-chart" days={data.daily} />
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Every sign-in and failure is in the{' '}
          <Link
            to="/admin/audit?type=sign-in-failed"
            className="font-medium text-brand-600 hover:underline dark:text-brand-100"
          >
            audit log
          </Link>
          .
        </p>
      </AdminSection>
    </AdminLayout>
  )
}

export const meta: MetaFunction = () => [{ title: 'Admin overview · Doorman' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
