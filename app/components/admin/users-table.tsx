import { ScrollRegion } from '~/components/admin/scroll-region.tsx'
import { Link } from '@remix-run/react'
import { formatCount } from '~/components/admin/admin-layout.tsx'
import { RoleBadge, StatusBadge } from '~/components/admin/badges.tsx'
import { RelativeTime } from '~/components/relative-time.tsx'

type Row = {
  id: string
  email: string
  name: string | null
  role: string
  disabledAt: Date | null
  activeSessions: number
  lastActiveAt: Date | null
}

const cell = 'px-4 py-3 align-top'

export function UsersTable({ users, now }: { users: Row[]; now: Date }) {
  if (users.length === 0)
    return (
      <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600 dark:border-slate-700 dark:text-slate-300">
        No users match this view.
      </p>
    )
  return (
    <ScrollRegion
      label="Users"
      className="rounded-2xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-800 dark:bg-slate-950/40 dark:text-slate-300">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              Email
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Name
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Role
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Status
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              Active sessions
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Last active
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row" className={`${cell} font-medium`}>
                <Link
                  to={`/admin/users/${encodeURIComponent(user.id)}`}
                  className="break-all text-brand-600 hover:underline dark:text-brand-100"
                >
                  {user.email}
                </Link>
              </th>
              <td className={cell}>{user.name ?? <span className="text-slate-500 dark:text-slate-400">—</span>}</td>
              <td className={cell}>
                <RoleBadge role={user.role} />
              </td>
              <td className={cell}>
                <StatusBadge disabled={Boolean(user.disabledAt)} />
              </td>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(user.activeSessions)}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {user.lastActiveAt ? <RelativeTime date={new Date(user.lastActiveAt)} now={now} /> : 'Never'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
