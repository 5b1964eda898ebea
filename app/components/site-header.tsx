import { Form, Link, NavLink } from '@remix-run/react'
import { DoorOpen } from 'lucide-react'

export type HeaderUser = { email: string; name: string | null; role: string }

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${
    isActive
      ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white'
  }`

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 px-4 py-3">
        <Link to="/" className="mr-auto flex items-center gap-2 text-lg font-semibold tracking-tight">
          <DoorOpen aria-hidden className="h-6 w-6 text-brand-600 dark:text-brand-100" />
          Doorman
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
          {user ? (
            <>
              <NavLink to="/devices" className={navClass}>
                Your devices
              </NavLink>
              {user.role === 'admin' ? (
                <NavLink to="/admin" className={navClass}>
                  Admin
                </NavLink>
              ) : null}
              <NavLink to="/account" className={navClass}>
                Account
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className={navClass({ isActive: false })}>
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login" className={navClass}>
                Sign in
              </NavLink>
              <NavLink to="/signup" className={navClass}>
                Create account
              </NavLink>
            </>
          )}
        </nav>
      </div>
    </header>
  )
}
