import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { Alert, Card, SubmitButton, TextField } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { emailField } from '~/lib/validation.ts'
import { requestPasswordReset } from '~/unit-of-work/recovery.server.ts'

const forgotSchema = z.object({ email: emailField })

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = forgotSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success)
    return data({ sent: false as const, error: parsed.error.issues[0]?.message ?? 'Enter your email address.' }, 400)
  const outcome = await requestPasswordReset(parsed.data.email, context.clientIp)
  if (outcome === 'throttled')
    return data(
      { sent: false as const, error: 'Too many reset requests. Please wait an hour and try again.' },
      { status: 429, headers: { 'Retry-After': '3600' } },
    )
  // The same answer whether or not the address has an account.
  return { sent: true as const, email: parsed.data.email, error: null }
}

export const meta: MetaFunction = () => [{ title: 'Forgot password · Doorman' }]

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Forgot your password?</h1>
        {result?.sent ? (
          <div className="mt-4">
            <Alert tone="success">
              If an account uses {result.email}, we have emailed it a link to choose a new password. The link works
              once, for 30 minutes. Nothing arrived? Check your spam folder, or ask again in a few minutes.
            </Alert>
          </div>
        ) : (
          <>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
              Enter your account&apos;s email address and we will send you a link to choose a new password.
            </p>
            {result?.error ? (
              <div className="mt-4">
                <Alert tone="error">{result.error}</Alert>
              </div>
            ) : null}
            <Form method="post" className="mt-6 space-y-4">
              <TextField label="Email" name="email" type="email" autoComplete="email" required />
              <SubmitButton pendingText="Sending…" className="w-full">
                Email me a link
              </SubmitButton>
            </Form>
          </>
        )}
        <p className="mt-6 text-sm">
          <Link to="/login" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
            Back to sign in
          </Link>
        </p>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
