import type { ReactNode } from 'react'

/**
 * A wide table on a narrow screen: it scrolls sideways inside a focusable region (so a
 * keyboard can scroll it too), with a visible cue on phones that there is more to the right.
 */
export function ScrollRegion({
  label,
  className = '',
  children,
}: {
  label: string
  className?: string
  children: ReactNode
}) {
  return (
    <div className="space-y-1">
      <p aria-hidden className="text-xs text-slate-500 sm:hidden dark:text-slate-400">
        Swipe sideways for more columns →
      </p>
      <div
        role="region"
        aria-label={label}
        // A scrollable region must take focus, or a keyboard cannot scroll it (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        className={`overflow-x-auto bg-[linear-gradient(to_left,rgb(0_0_0/0.08),transparent_1.5rem)] bg-[length:1.5rem_100%] bg-right bg-no-repeat focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500 ${className}`}
      >
        {children}
      </div>
    </div>
  )
}
