import { Form, Link } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { Alert, SubmitButton, TextField, buttonClass } from '~/components/forms.tsx'

/**
 * The confirm step of an admin action. A page state (`?confirm=…`), so it works without
 * JavaScript; with it, it behaves as a modal dialog (focus inside, Escape cancels). It
 * asks for the admin's password unless they confirmed it recently (sudo mode).
 */
export function AdminConfirm({
  title,
  body,
  warning,
  action,
  cancelTo,
  fields,
  confirmLabel,
  pendingText,
  askPassword,
  children,
}: {
  title: string
  body: ReactNode
  warning?: string | null
  action: string
  cancelTo: string
  fields: Record<string, string>
  confirmLabel: string
  pendingText: string
  askPassword: boolean
  children?: ReactNode
}) {
  const dialog = useRef<HTMLDivElement>(null)
  const cancel = useRef<HTMLAnchorElement>(null)
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, button')?.focus()
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && cancel.current?.click()
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center overflow-y-auto bg-slate-900/50 p-4 sm:items-center">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="admin-confirm-title"
        aria-describedby="admin-confirm-body"
        className="w-full max-w-md rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-900"
      >
        <h2 id="admin-confirm-title" className="text-lg font-semibold">
          {title}
        </h2>
        <div id="admin-confirm-body" className="mt-2 space-y-3 text-sm text-slate-600 dark:text-slate-300">
          <p>{body}</p>
          {warning ? <Alert tone="error">{warning}</Alert> : null}
        </div>
        <Form method="post" action={action} className="mt-4 space-y-4" preventScrollReset>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children}
          {askPassword ? (
            <TextField
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              hint="Admin actions need a recent password confirmation."
            />
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Link ref={cancel} to={cancelTo} className={buttonClass('secondary')} preventScrollReset>
              Cancel
            </Link>
            <SubmitButton variant="danger" name="intent" value={fields.intent} pendingText={pendingText}>
              {confirmLabel}
            </SubmitButton>
          </div>
        </Form>
      </div>
    </div>
  )
}
