import { Link } from '@remix-run/react'
import { RoleBadge, StatusBadge } from '~/components/admin/badges.tsx'
import { buttonClass } from '~/components/forms.tsx'
import { LocalTime } from '~/components/relative-time.tsx'

type Profile = {
  id: string
  email: string
  name: string | null
  role: string
  disabledAt: Date | null
  createdAt: Date
  passwordChangedAt: Date
}

/** Who the user is, and the admin's actions on the account (each behind a confirm step). */
export function UserProfile({
  user,
  activeCount,
  self,
  lastActiveAdmin,
}: {
  user: Profile
  activeCount: number
  self: boolean
  lastActiveAdmin: boolean
}) {
  return (
    <section
      aria-labelledby="profile-title"
      className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="profile-title" className="sr-only">
        Profile
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">Name</dt>
          <dd>{user.name ?? '—'}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">Role and status</dt>
          <dd className="mt-0.5 flex gap-2">
            <RoleBadge role={user.role} /> <StatusBadge disabled={Boolean(user.disabledAt)} />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">Account created</dt>
          <dd>
            <LocalTime date={new Date(user.createdAt)} />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">Password last changed</dt>
          <dd>
            <LocalTime date={new Date(user.passwordChangedAt)} />
          </dd>
        </div>
        {user.disabledAt ? (
          <div>
            <dt className="font-medium text-slate-500 dark:text-slate-400">Disabled</dt>
            <dd>
              <LocalTime date={new Date(user.disabledAt)} />
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
        {activeCount > 0 ? (
          <Link to="?confirm=revoke-all" className={buttonClass('danger')} preventScrollReset>
            Sign out all sessions
          </Link>
        ) : null}
        {lastActiveAdmin ? (
          <LastAdminActions />
        ) : (
          <>
            <Link
              to={`?confirm=${user.disabledAt ? 'enable' : 'disable'}`}
              className={buttonClass(user.disabledAt ? 'secondary' : 'danger')}
              preventScrollReset
            >
              {user.disabledAt ? 'Enable account' : 'Disable account'}
            </Link>
            <Link to="?confirm=role" className={buttonClass('secondary')} preventScrollReset>
              {user.role === 'admin' ? 'Change role to user' : 'Make administrator'}
            </Link>
          </>
        )}
        {self ? (
          <p className="self-center text-sm text-slate-600 dark:text-slate-300">This is your own account.</p>
        ) : null}
      </div>
      {lastActiveAdmin ? (
        <p id="last-admin-note" className="text-sm text-slate-600 dark:text-slate-300">
          {user.email} is the last active administrator, so they cannot be demoted or disabled. Make another user an
          administrator first.
        </p>
      ) : null}
    </section>
  )
}

/**
 * Demoting or disabling the only active administrator would lock everyone out of the
 * console: the buttons are shown, disabled, with the reason, instead of a confirm step
 * that the server would refuse (it still does, for a page that is out of date).
 */
function LastAdminActions() {
  const disabledClass = 'cursor-not-allowed opacity-60'
  return (
    <>
      <button
        type="button"
        disabled
        aria-describedby="last-admin-note"
        className={`${buttonClass('danger')} ${disabledClass}`}
      >
        Disable account
      </button>
      <button
        type="button"
        disabled
        aria-describedby="last-admin-note"
        className={`${buttonClass('secondary')} ${disabledClass}`}
      >
        Change role to user
      </button>
    </>
  )
}
