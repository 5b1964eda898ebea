import { Form, Link } from '@remix-run/react'
import { type ReactNode } from 'react'
import { Alert, SubmitButton, TextField, buttonClass } from '~/components/forms.tsx'
import { ModalDialog } from '~/components/modal-dialog.tsx'

/**
 * The confirm step of an admin action (see ModalDialog for focus and keys). It asks for
 * the admin's password unless they confirmed it recently (sudo mode).
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
  return (
    <ModalDialog
      title={title}
      description={
        <>
          <p>{body}</p>
          {warning ? <Alert tone="error">{warning}</Alert> : null}
        </>
      }
    >
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
          <Link data-dialog-cancel to={cancelTo} className={buttonClass('secondary')} preventScrollReset>
            Cancel
          </Link>
          <SubmitButton variant="danger" name="intent" value={fields.intent} pendingText={pendingText}>
            {confirmLabel}
          </SubmitButton>
        </div>
      </Form>
    </ModalDialog>
  )
}
