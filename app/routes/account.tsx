import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Card, CheckboxField, SubmitButton, TextField, FormMessage } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { redirectWithFlash, takeFlash } from '~/lib/flash.server.ts'
import { changePasswordSchema, fieldErrors } from '~/lib/validation.ts'
import { passRetryAfter, retryAfterHeaders } from '~/lib/retry-after.server.ts'
import { sessionCookieFor } from '~/session/cookie.server.ts'
import { AccountDetails, AccountNotices } from '~/components/account-details.tsx'
import { accountDetails, accountDetailsAction } from '~/unit-of-work/account-details.server.ts'
import { requireUser } from '~/session/guards.server.ts'
import { changePassword } from '~/unit-of-work/change-password.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request, context)
  const { user } = auth
  const { flash, headers } = await takeFlash(request)
  return data(
    { email: user.email, name: user.name, role: user.role, flash, ...(await accountDetails(auth)) },
    { headers },
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request, context)
  const details = await accountDetailsAction(request, context, auth)
  if (details) return details
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error) }, { status: 400 })
  const result = await changePassword(auth, {
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
    signOutOthers: parsed.data.signOutOthers === 'on',
    ip: context.clientIp,
  })
  if (!result.ok) {
    return data(
      { ok: false as const, errors: { [result.field]: result.error } },
      { status: result.status, headers: retryAfterHeaders(result) },
    )
  }
  const message =
    result.endedOthers > 0
      ? `Password changed. We signed out ${result.endedOthers} other device${result.endedOthers === 1 ? '' : 's'}.`
      : 'Password changed.'
  // The token was renewed: redirect, so that the page is read with the new cookie.
  return redirectWithFlash('/account', { ok: true, message }, await sessionCookieFor(auth.session, result.token))
}

export const headers = passRetryAfter

export const meta: MetaFunction = () => [{ title: 'Account · Doorman' }]

export default function AccountPage() {
  const { email, name, role, flash, ...details } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors: Record<string, string | undefined> = actionData?.errors ?? {}
  const changed = !actionData && flash?.ok ? flash.message : null
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Account</h1>
      <AccountNotices />
      <Card>
        <h2 className="text-lg font-semibold">Profile</h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-500 dark:text-slate-400">Email</dt>
          <dd>{email}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Name</dt>
          <dd>{name ?? '—'}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Role</dt>
          <dd>{role}</dd>
        </dl>
      </Card>
      <AccountDetails name={name} email={email} {...details} />
      <Card>
        <h2 id="change-password" className="text-lg font-semibold">
          Change password
        </h2>
        <FormMessage tone="success" message={changed} />
        <Form method="post" className="mt-4 space-y-4">
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={errors.currentPassword}
          />
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            hint="8 to 128 characters, not your email address."
            error={errors.newPassword}
          />
          <CheckboxField label="Sign out all other devices" name="signOutOthers" defaultChecked />
          <SubmitButton pendingText="Changing…">Change password</SubmitButton>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
