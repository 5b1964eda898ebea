import { Form, Link } from '@remix-run/react'
import { SubmitButton, TextField, buttonClass } from '~/components/forms.tsx'
import { ModalDialog } from '~/components/modal-dialog.tsx'

/**
 * The confirm step before signing devices out (see ModalDialog for focus and keys).
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
  return (
    <ModalDialog title={title} description={<p>{body}</p>} focusKey={error}>
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
          <Link data-dialog-cancel to="/devices" className={buttonClass('secondary')} preventScrollReset>
            Cancel
          </Link>
          <SubmitButton variant="danger" name="intent" value={intent} pendingText="Signing out…">
            {confirmLabel}
          </SubmitButton>
        </div>
      </Form>
    </ModalDialog>
  )
}
