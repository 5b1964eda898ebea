import { Form, Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { SubmitButton, TextField, buttonClass } from '~/components/forms.tsx'

/**
 * The confirm step before signing devices out. It is a page state (`?confirm=…`), so
 * it works without JavaScript; with it, it behaves as a modal dialog (focus, Escape).
 */
export function ConfirmDialog({
  title,
  body,
  intent,
  sessionId,
  confirmLabel,
  askPassword,
  error = null,
}: {
  title: string
  body: string
  intent: string
  sessionId?: string
  confirmLabel: string
  askPassword: boolean
  /** A refused password: shown on the field, which gets the focus again. */
  error?: string | null
}) {
  const dialog = useRef<HTMLDivElement>(null)
  const cancel = useRef<HTMLAnchorElement>(null)
  useEffect(() => {
    // The password field when there is one, else Cancel: never the destructive button,
    // and never the hidden inputs (focusing those does nothing, leaving focus behind).
    ;(dialog.current?.querySelector<HTMLElement>('input:not([type="hidden"])') ?? cancel.current)?.focus()
  }, [error])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancel.current?.click()
      if (event.key === 'Tab' && dialog.current) keepFocusWithin(dialog.current, event)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        className="w-full max-w-md rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-900"
      >
        <h2 id="confirm-title" className="text-lg font-semibold">
          {title}
        </h2>
        <p id="confirm-body" className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {body}
        </p>
        <Form method="post" action="/devices" className="mt-4 space-y-4">
          <input type="hidden" name="intent" value={intent} />
          {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
          {askPassword || error ? (
            <TextField
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={error}
              hint="For your safety we ask for it before signing devices out."
            />
          ) : null}
          <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
            <Link ref={cancel} to="/devices" className={buttonClass('secondary')} preventScrollReset>
              Cancel
            </Link>
            <SubmitButton variant="danger" name="intent" value={intent} pendingText="Signing out…">
              {confirmLabel}
            </SubmitButton>
          </div>
        </Form>
      </div>
    </div>
  )
}

/** Tab and Shift+Tab cycle through the dialog: a modal dialog must not let focus slip behind it. */
function keepFocusWithin(container: HTMLElement, event: KeyboardEvent) {
  const focusable = [
    ...container.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([type="hidden"])'),
  ]
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  const active = document.activeElement
  if (!first || !last) return
  if (!container.contains(active)) first.focus()
  else if (event.shiftKey && active === first) last.focus()
  else if (!event.shiftKey && active === last) first.focus()
  else return
  event.preventDefault()
}
