import { Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { AdminEndedList } from '~/components/admin/admin-ended-list.tsx'
import { AdminLayout, AdminSection } from '~/components/admin/admin-layout.tsx'
import { UserConfirms } from '~/components/admin/user-confirms.tsx'
import { UserProfile } from '~/components/admin/user-profile.tsx'
import { DeviceCard } from '~/components/device-card.tsx'
import { ActivityList } from '~/components/devices/activity-list.tsx'
import { Alert, buttonClass } from '~/components/forms.tsx'
import { describeEventForAdmin } from '~/lib/event-text-admin.ts'
import type { loader } from '~/routes/admin.user.tsx'

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Result = { ok: boolean; message: string } | null

export function AdminUserView({ data, result }: { data: Data; result: Result }) {
  const navigation = useNavigation()
  // From the URL, not the loader: after a refused action (4xx) Remix keeps the old loader
  // data, and the dialog must still close when the URL no longer asks for it.
  const [searchParams] = useSearchParams()
  const notice = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (result) notice.current?.focus()
  }, [result])
  const now = new Date(data.now)
  // Optimistic UI: a session being signed out leaves the list at once (and returns if refused).
  const pending = navigation.state === 'submitting' ? navigation.formData : undefined
  const hidden = (id: string) =>
    (pending?.get('intent') === 'revoke' && pending.get('sessionId') === id) || pending?.get('intent') === 'revoke-all'
  const devices = data.devices.filter((device) => !hidden(device.id))
  return (
    <AdminLayout
      title={data.user.email}
      description={
        <Link to="/admin/users" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
          ← All users
        </Link>
      }
    >
      {result ? (
        <div ref={notice} tabIndex={-1} className="outline-none">
          <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
        </div>
      ) : null}
      <UserProfile
        user={data.user}
        activeCount={data.total}
        self={data.user.id === data.self.id}
        lastActiveAdmin={data.lastActiveAdmin}
      />
      <AdminSection id="active-title" title={`Active sessions (${data.total})`}>
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No active sessions.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {devices.map((device) => (
              <li key={device.id}>
                <DeviceCard
                  device={device}
                  now={now}
                  touchIntervalMs={data.touchIntervalMs}
                  actions={
                    <Link
                      to={`?confirm=revoke&session=${encodeURIComponent(device.id)}`}
                      className={buttonClass('danger')}
                      aria-label={`Sign out ${device.name}`}
                      preventScrollReset
                    >
                      Sign out
                    </Link>
                  }
                />
              </li>
            ))}
          </ul>
        )}
        {data.devices.length < data.total ? (
          <Link to={`?show=${data.devices.length + 50}`} className={buttonClass('secondary')} preventScrollReset>
            Show more ({data.total - data.devices.length} more)
          </Link>
        ) : null}
      </AdminSection>
      <AdminSection id="ended-title" title="Ended sessions" description="The last 30 days, and what ended each.">
        <AdminEndedList ended={data.ended} now={now} />
      </AdminSection>
      <ActivityList
        events={data.events}
        nextBefore={data.nextBefore}
        viewerId={data.user.id}
        now={now}
        describe={(event) =>
          describeEventForAdmin({ ...event, targetUserId: data.user.id }, data.user.name ?? data.user.email)
        }
      />
      <UserConfirms {...data} confirm={searchParams.get('confirm')} confirmSession={searchParams.get('session')} />
    </AdminLayout>
  )
}
