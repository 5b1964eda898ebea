import { ScrollRegion } from '~/components/admin/scroll-region.tsx'
import { Link } from '@remix-run/react'
import { LocalTime } from '~/components/relative-time.tsx'
import { eventLocation } from '~/lib/event-text.ts'
import { describeEventForAdmin, eventTypeNames } from '~/lib/event-text-admin.ts'

type Event = {
  id: number
  createdAt: Date
  type: string
  actorId: string | null
  targetUserId: string | null
  ip: string | null
  device: string | null
  details: string | null
  actorEmail: string | null
  targetEmail: string | null
}

const cell = 'px-3 py-2 align-top'

function Person({ id, email }: { id: string | null; email: string | null }) {
  if (!id) return <span className="text-slate-500 dark:text-slate-400">—</span>
  if (!email) return <span className="text-slate-500 dark:text-slate-400">Deleted user</span>
  return (
    <Link
      to={`/admin/users/${encodeURIComponent(id)}`}
      className="break-all text-brand-600 hover:underline dark:text-brand-100"
    >
      {email}
    </Link>
  )
}

export function AuditTable({ events }: { events: Event[] }) {
  if (events.length === 0)
    return (
      <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600 dark:border-slate-700 dark:text-slate-300">
        No events match these filters.
      </p>
    )
  return (
    <ScrollRegion
      label="Security events"
      className="rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <table className="w-full min-w-[56rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-800 dark:bg-slate-950/40 dark:text-slate-300">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              Time
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Event
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Actor
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Target user
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              IP, place and device
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {events.map((event) => (
            <tr key={event.id}>
              <td className={`${cell} whitespace-nowrap font-mono text-xs`}>
                <LocalTime date={new Date(event.createdAt)} />
              </td>
              <td className={`${cell} min-w-[16rem]`}>
                <span className="text-xs font-medium text-slate-500 dark:text-slate-400">
                  {eventTypeNames[event.type] ?? event.type}
                </span>
                <br />
                {describeEventForAdmin(event, event.targetEmail)}
              </td>
              <td className={cell}>
                <Person id={event.actorId} email={event.actorEmail} />
              </td>
              <td className={cell}>
                <Person id={event.targetUserId} email={event.targetEmail} />
              </td>
              <td className={cell}>
                <span className="break-all">{event.ip ?? '—'}</span>
                {eventLocation(event.details) ? (
                  <span className="block text-slate-500 dark:text-slate-400">{eventLocation(event.details)}</span>
                ) : null}
                {event.device ? <span className="block text-slate-500 dark:text-slate-400">{event.device}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
