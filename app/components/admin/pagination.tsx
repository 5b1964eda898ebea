import { Link } from '@remix-run/react'
import { buttonClass } from '~/components/forms.tsx'

type PageLink = { to: string | null; label: string; rel?: 'prev' | 'next' }

/** Previous/next links around a status line; a missing link is shown disabled. */
export function Pagination({ label, status, links }: { label: string; status: string; links: PageLink[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600 dark:text-slate-300">{status}</p>
      <div className="flex flex-wrap gap-2">
        {links.map((link) =>
          link.to ? (
            <Link key={link.label} to={link.to} rel={link.rel} className={buttonClass('secondary')}>
              {link.label}
            </Link>
          ) : (
            <span
              key={link.label}
              aria-disabled="true"
              className={`${buttonClass('secondary')} cursor-not-allowed opacity-50`}
            >
              {link.label}
            </span>
          ),
        )}
      </div>
    </nav>
  )
}
