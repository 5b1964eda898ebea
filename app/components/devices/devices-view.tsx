import { Link, useLoaderData, useLocation, useNavigation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { DeviceCard } from '~/components/device-card.tsx'
import { ActivityList } from '~/components/devices/activity-list.tsx'
import { ConfirmDialog } from '~/components/devices/confirm-dialog.tsx'
import { DeviceActions } from '~/components/devices/device-actions.tsx'
import { EndedList } from '~/components/devices/ended-list.tsx'
import { SignInNotices } from '~/components/devices/sign-in-notices.tsx'
import { Alert, buttonClass } from '~/components/forms.tsx'
import { useLiveRevalidation } from '~/components/live/use-session-events.ts'
import { relativeTime } from '~/components/relative-time.tsx'
import { shortPlace } from '~/lib/geo/place.ts'
import type { loader } from '~/routes/devices.tsx'

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Result = { ok: boolean; message: string; confirm?: string } | null

export function DevicesView({ data, result: actionResult }: { data: Data; result: Result }) {
  const navigation = useNavigation()
  const result = useKeptResult(actionResult)
  const [searchParams] = useSearchParams()
  const notice = useRef<HTMLDivElement>(null)
  useLiveRevalidation()
  useEffect(() => {
    if (actionResult) notice.current?.focus()
  }, [actionResult])

  // Optimistic UI: rows being signed out disappear at once, and come back if refused.
  const pending = navigation.state === 'submitting' ? navigation.formData : undefined
  const hidden = (id: string, current: boolean) =>
    (pending?.get('intent') === 'revoke' && pending.get('sessionId') === id) ||
    (pending?.get('intent') === 'revoke-others' && !current)
  const devices = data.devices.filter((device) => !hidden(device.id, device.current))
  // The open dialog follows the URL, not loader data: after a refused (4xx) action Remix
  // keeps the old loader data although the URL has moved on. A wrong password keeps its
  // dialog open, with the error in it.
  const passwordError = result && !result.ok && result.confirm ? result.message : null
  const confirm = passwordError ? result?.confirm : searchParams.get('confirm')
  const confirming = confirm ? data.devices.find((device) => device.id === confirm && !device.current) : undefined
  const others = data.total - 1
  const contextNames = namesInContext(data.devices, data.now)

  return (
    <div className="space-y-10">
      <SignInNotices notices={data.signInNotices} />
      <section aria-labelledby="devices-title" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 id="devices-title" className="text-3xl font-bold tracking-tight">
              Your devices
            </h1>
            <p className="mt-1 text-slate-600 dark:text-slate-300">
              {data.total === 1 ? 'One device is' : `${data.total} devices are`} signed in to your account.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {others > 0 ? (
              <Link to="?confirm=others" className={buttonClass('secondary')} preventScrollReset>
                Sign out all other devices
              </Link>
            ) : null}
            <Link to="?confirm=all" className={buttonClass('danger')} preventScrollReset>
              Sign out everywhere
            </Link>
          </div>
        </div>
        {result && !passwordError ? (
          <div ref={notice} tabIndex={-1} className="outline-none">
            <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
          </div>
        ) : null}
        <h2 className="sr-only">Signed-in devices</h2>
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {devices.map((device) => (
            <li key={device.id}>
              <DeviceCard
                device={device}
                now={data.now}
                touchIntervalMs={data.touchIntervalMs}
                actions={<DeviceActions {...device} name={contextNames.get(device.id) ?? device.name} />}
              />
            </li>
          ))}
        </ul>
        {others === 0 ? (
          <p className="rounded-xl bg-emerald-50 p-4 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100">
            Only this device is signed in. Nothing else has access to your account right now.
          </p>
        ) : null}
        {data.devices.length < data.total ? (
          <Link to={`?show=${data.devices.length + 50}`} className={buttonClass('secondary')} preventScrollReset>
            Show more ({data.total - data.devices.length} more)
          </Link>
        ) : null}
      </section>
      <EndedList ended={data.ended} now={data.now} idleTimeoutMs={data.idleTimeoutMs} />
      <ActivityList events={data.events} nextBefore={data.nextBefore} viewerId={data.userId} now={data.now} />
      {confirming ? (
        <ConfirmDialog
          title={`Sign out ${contextNames.get(confirming.id) ?? confirming.name}?`}
          body={`${confirming.name} will be signed out on its very next request, and any page open on it will say so.`}
          intent="revoke"
          sessionId={confirming.id}
          confirmLabel={`Sign out ${contextNames.get(confirming.id) ?? confirming.name}`}
          askPassword={!data.recentlyAuthenticated}
          error={passwordError}
        />
      ) : null}
      {confirm === 'others' && others > 0 ? (
        <ConfirmDialog
          title="Sign out all other devices?"
          body={`${others} other device${others === 1 ? '' : 's'} will be signed out. This device stays signed in.`}
          intent="revoke-others"
          confirmLabel="Sign out all other devices"
          askPassword={!data.recentlyAuthenticated}
          error={passwordError}
        />
      ) : null}
      {confirm === 'all' ? (
        <ConfirmDialog
          title="Sign out everywhere?"
          body="Every device will be signed out, this one included. You will need to sign in again."
          intent="revoke-all"
          confirmLabel="Sign out everywhere"
          askPassword={!data.recentlyAuthenticated}
          error={passwordError}
        />
      ) : null}
    </div>
  )
}

/**
 * Devices that share a name are told apart by place and sign-in time, in their accessible
 * names too: "Firefox 133 on Linux, Berlin, signed in 2 weeks ago".
 */
function namesInContext(devices: Data['devices'], now: Date) {
  const counts = new Map<string, number>()
  for (const device of devices) counts.set(device.name, (counts.get(device.name) ?? 0) + 1)
  const names = new Map<string, string>()
  for (const device of devices) {
    if ((counts.get(device.name) ?? 0) < 2) continue
    const place = device.lastLocation ? `${shortPlace(device.lastLocation)}, ` : ''
    names.set(device.id, `${device.name}, ${place}signed in ${relativeTime(new Date(device.createdAt), now)}`)
  }
  return names
}

/**
 * The action's result, kept while the page stays at the same location. A live refresh
 * (revalidation) clears Remix's action data, which would drop the notice and close the
 * password dialog, error and all, while someone is typing in it.
 */
function useKeptResult(result: Result): Result {
  const { key } = useLocation()
  const kept = useRef({ key, result })
  if (result) kept.current = { key, result }
  return result ?? (kept.current.key === key ? kept.current.result : null)
}
