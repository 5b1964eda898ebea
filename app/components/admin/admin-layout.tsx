import { NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'

const sections = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/users', label: 'Users', end: false },
  { to: '/admin/sessions', label: 'Sign out in bulk', end: false },
  { to: '/admin/audit', label: 'Audit log', end: false },
] as const

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${
    isActive
      ? 'bg-brand-600 text-white'
      : 'text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'
  }`

/** Every admin page: the console's own navigation, then the page's title and content. */
export function AdminLayout({
  title,
  description,
  actions,
  children,
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
}) {
  return (
    <div className="space-y-8">
      <nav
        aria-label="Admin console"
        className="-mx-1 flex flex-wrap gap-1 border-b border-slate-200 pb-3 dark:border-slate-800"
      >
        {sections.map((section) => (
          <NavLink key={section.to} to={section.to} end={section.end} className={linkClass}>
            {section.label}
          </NavLink>
        ))}
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-3xl font-bold tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-slate-600 dark:text-slate-300">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </div>
  )
}

/** A titled section of an admin page. */
export function AdminSection({
  id,
  title,
  description,
  children,
}: {
  id: string
  title: string
  description?: ReactNode
  children: ReactNode
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {description ? <p className="text-sm text-slate-600 dark:text-slate-300">{description}</p> : null}
      {children}
    </section>
  )
}

export const formatCount = (value: number) => value.toLocaleString('en-US')
