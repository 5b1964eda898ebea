import { useEffect, useRef } from 'react'
import { LogOut } from 'lucide-react'
import type { Ended } from '~/components/live/use-session-events.ts'
import { keepFocusWithin } from '~/components/modal-dialog.tsx'

/** Covers a page whose session has ended, saying why, without waiting for a click. */
export function SignedOutOverlay({ ended }: { ended: Ended }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const dialog = useRef<HTMLDivElement>(null)
  useEffect(() => {
    heading.current?.focus()
    // The server-rendered loader data (devices, IPs) also sits in inline scripts: empty them.
    for (const script of document.querySelectorAll('script:not([src])')) script.textContent = ''
  }, [])
  // The page behind is no longer this person's: Tab stays on the overlay.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Tab' && dialog.current) keepFocusWithin(dialog.current, event)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/70 p-4 backdrop-blur-sm">
      <div
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="signed-out-title"
        aria-describedby="signed-out-reason"
        className="w-full max-w-md rounded-2xl bg-white p-6 text-center shadow-xl dark:bg-slate-900"
      >
        <LogOut aria-hidden className="mx-auto h-8 w-8 text-brand-600 dark:text-brand-100" />
        <h2 ref={heading} tabIndex={-1} id="signed-out-title" className="mt-3 text-xl font-semibold outline-none">
          You are signed out
        </h2>
        <p id="signed-out-reason" className="mt-2 text-slate-600 dark:text-slate-300">
          {ended.message}
        </p>
        {/* A full page load, so the browser drops this page's private data. */}
        <a
          href={`/login?reason=${encodeURIComponent(ended.reason)}`}
          className="mt-5 inline-flex rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Sign in again
        </a>
      </div>
    </div>
  )
}
