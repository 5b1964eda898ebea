import { Form, Link, useActionData } from '@remix-run/react'
import { formatCount } from '~/components/admin/admin-layout.tsx'
import { buttonClass, Card, SubmitButton, TextField } from '~/components/forms.tsx'
import { EVERYONE_PHRASE } from '~/lib/admin/admin-forms.ts'

type Result = { intent?: string; field?: string; message: string; ok: boolean } | undefined
type Counts = { sessions: number; users: number }

/**
 * "Sign out everyone": a confirm step (`?confirm=everyone`, so it works without
 * JavaScript) that shows what it will end, then wants the phrase typed.
 */
export function EveryoneCard({ counts, askPassword }: { counts: Counts | null; askPassword: boolean }) {
  const result = useActionData() as Result
  const error = result && !result.ok && result.intent === 'revoke-everyone' ? result : null
  return (
    <Card className="space-y-4 border-red-200 dark:border-red-900">
      <div>
        <h2 id="everyone-title" className="text-xl font-semibold">
          Sign out everyone
        </h2>
        {counts ? (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            This ends <strong>{formatCount(counts.sessions)}</strong> active session{counts.sessions === 1 ? '' : 's'}{' '}
            of <strong>{formatCount(counts.users)}</strong> user{counts.users === 1 ? '' : 's'}: every session but the
            one you are using. Everyone has to sign in again, and open pages say an administrator signed them out.
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            Ends every active session of every user, except the one you are using now. You will see how many first.
          </p>
        )}
      </div>
      {counts ? (
        <Form method="post" aria-labelledby="everyone-title" className="space-y-4">
          <input type="hidden" name="expected" value={counts.sessions} />
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
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" name="intent" value="revoke-everyone" pendingText="Signing everyone out…">
              Sign out everyone
            </SubmitButton>
            <Link to="/admin/sessions" className={buttonClass('secondary')} preventScrollReset>
              Cancel
            </Link>
          </div>
        </Form>
      ) : (
        <Link to="?confirm=everyone" className={buttonClass('danger')} preventScrollReset>
          Sign out everyone…
        </Link>
      )}
    </Card>
  )
}
