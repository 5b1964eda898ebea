import { Form, useActionData } from '@remix-run/react'
import { formatCount } from '~/components/admin/admin-layout.tsx'
import { Card, SubmitButton, TextField } from '~/components/forms.tsx'
import { EVERYONE_PHRASE } from '~/lib/admin/admin-forms.ts'

type Result = { intent?: string; field?: string; message: string; ok: boolean } | undefined

/** "Sign out everyone", with the numbers first and a typed confirmation. */
export function EveryoneCard({
  sessions,
  users,
  askPassword,
}: {
  sessions: number
  users: number
  askPassword: boolean
}) {
  const result = useActionData() as Result
  const error = result && !result.ok && result.intent === 'revoke-everyone' ? result : null
  return (
    <Card className="space-y-4 border-red-200 dark:border-red-900">
      <div>
        <h2 id="everyone-title" className="text-xl font-semibold">
          Sign out everyone
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          This ends <strong>{formatCount(sessions)}</strong> active session{sessions === 1 ? '' : 's'} of{' '}
          <strong>{formatCount(users)}</strong> user
          {users === 1 ? '' : 's'}: every session but the one you are using. Everyone has to sign in again, and open
          pages say an administrator signed them out.
        </p>
      </div>
      <Form method="post" aria-labelledby="everyone-title" className="space-y-4">
        <TextField
          label={`Type ${EVERYONE_PHRASE} to confirm`}
          name="confirm"
          autoComplete="off"
          spellCheck={false}
          required
          error={error?.field === 'confirm' ? error.message : null}
        />
        {askPassword ? (
          <TextField
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={error?.field === 'password' ? error.message : null}
          />
        ) : null}
        <SubmitButton variant="danger" name="intent" value="revoke-everyone" pendingText="Signing everyone out…">
          Sign out everyone
        </SubmitButton>
      </Form>
    </Card>
  )
}
