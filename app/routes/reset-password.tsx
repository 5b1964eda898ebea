import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { Card, FormMessage, SubmitButton, TextField } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { newPasswordField } from '~/lib/validation.ts'
import { resetPassword } from '~/unit-of-work/recovery.server.ts'
import { findUsableToken, linkNoLongerWorks } from '~/mail/tokens.server.ts'
import { db } from '~/db.server.ts'

const resetSchema = z.object({ newPassword: newPasswordField })

async function requireResetLink(token: string | undefined) {
  const link = await findUsableToken(token, 'password-reset')
  return link ?? linkNoLongerWorks()
}

export async function loader({ params }: LoaderFunctionArgs) {
  await requireResetLink(params.token)
  return null
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const link = await requireResetLink(params.token)
  const parsed = resetSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Choose a password.' }, 400)
  const user = await db.user.findUniqueOrThrow({ where: { id: link.userId }, select: { email: true } })
  if (parsed.data.newPassword.toLowerCase() === user.email)
    return data({ error: 'Your password must not be your email address.' }, 400)
  if (!(await resetPassword(link, parsed.data.newPassword, context.clientIp))) linkNoLongerWorks()
  throw redirect('/login?reason=password-reset')
}

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Doorman' }]

export default function ResetPasswordPage() {
  const result = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Choose a new password</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          Every device signed in to your account will be signed out, this one included. Then sign in with the new
          password.
        </p>
        <FormMessage message={result?.error} />
        <Form method="post" className="mt-6 space-y-4">
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            hint="8 to 128 characters, not your email address."
          />
          <SubmitButton pendingText="Saving…" className="w-full">
            Set new password
          </SubmitButton>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
