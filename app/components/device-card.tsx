import type { ReactNode } from 'react'
import { DeviceIcon } from '~/components/device-icon.tsx'
import { LocalTime, RelativeTime } from '~/components/relative-time.tsx'
import { describeLocations } from '~/lib/geo/place.ts'

export type DeviceCardData = {
  id: string
  name: string
  parsedName: string
  customLabel: string | null
  current: boolean
  deviceType: string
  method: string
  userAgent: string
  createdAt: Date
  lastActiveAt: Date
  idleExpiresAt: Date
  absoluteExpiresAt: Date
  signInIp: string
  lastIp: string
  signInLocation: string | null
  lastLocation: string | null
}

/** "Active now" within the touch interval (activity is recorded at most that often). */
export function Activity({
  lastActiveAt,
  now,
  touchIntervalMs,
}: {
  lastActiveAt: Date
  now: Date
  touchIntervalMs: number
}) {
  if (now.getTime() - lastActiveAt.getTime() <= touchIntervalMs) {
    return (
      <span className="inline-flex items-center gap-1.5 text-emerald-700 dark:text-emerald-400">
        <span aria-hidden className="h-2 w-2 rounded-full bg-emerald-500" />
        Active now
      </span>
    )
  }
  return <RelativeTime date={lastActiveAt} now={now} prefix="Last active " />
}

const withPlace = (ip: string, place: string | null) => (place ? `${ip} (${place})` : ip)

/** One signed-in device: shared by "Your devices" and the admin console. */
export function DeviceCard({
  device,
  now,
  touchIntervalMs,
  actions,
}: {
  device: DeviceCardData
  now: Date
  touchIntervalMs: number
  actions?: ReactNode
}) {
  const headingId = `device-${device.id}`
  const place = describeLocations(device.signInLocation, device.lastLocation)
  // On a phone the icon sits beside the name and the buttons wrap under the text.
  return (
    <article aria-labelledby={headingId} className="flex flex-wrap gap-3 p-4 sm:items-start">
      <div className="flex h-11 w-11 shrink-0 items-center justify-center rounded-xl bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
        <DeviceIcon type={device.deviceType} />
      </div>
      <div className="min-w-0 flex-1">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
          <span className="break-words">{device.name}</span>
          {device.current ? (
            <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-700 dark:bg-brand-900 dark:text-brand-100">
              This device
            </span>
          ) : null}
        </h3>
        {device.customLabel ? <p className="text-sm text-slate-500 dark:text-slate-400">{device.parsedName}</p> : null}
        <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
          <Activity lastActiveAt={device.lastActiveAt} now={now} touchIntervalMs={touchIntervalMs} />
          <RelativeTime date={device.createdAt} now={now} prefix="Signed in " />
          {place ? <span>{place}</span> : null}
          <span>IP {device.lastIp}</span>
          <span>via {device.method}</span>
        </p>
      </div>
      {actions ? (
        <div className="flex w-full flex-wrap gap-2 pl-14 sm:w-auto sm:shrink-0 sm:pl-0">{actions}</div>
      ) : null}
      {/* After the actions in the DOM too, so Tab follows what the eye sees. */}
      <div className="w-full pl-14">
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-600 dark:text-brand-100">Details</summary>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-slate-600 sm:grid-cols-[auto_1fr] dark:text-slate-300">
            <dt className="font-medium">User agent</dt>
            <dd className="break-all font-mono text-xs">{device.userAgent || '—'}</dd>
            <dt className="font-medium">First IP</dt>
            <dd>{withPlace(device.signInIp, device.signInLocation)}</dd>
            <dt className="font-medium">Last IP</dt>
            <dd>{withPlace(device.lastIp, device.lastLocation)}</dd>
            <dt className="font-medium">Expires if idle</dt>
            <dd>
              <LocalTime date={device.idleExpiresAt} />
            </dd>
            <dt className="font-medium">Expires at the latest</dt>
            <dd>
              <LocalTime date={device.absoluteExpiresAt} />
            </dd>
          </dl>
        </details>
      </div>
    </article>
  )
}
