import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { Card, SubmitButton, TextField, FormMessage } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { env } from '~/env.server.ts'
import { fieldErrors, signupSchema } from '~/lib/validation.ts'
import { passRetryAfter, retryAfterHeaders } from '~/lib/retry-after.server.ts'
import { weakPasswordReason } from '~/models/password-strength.server.ts'
import { clientInfo, requireAnonymous } from '~/session/guards.server.ts'
import { signUp } from '~/unit-of-work/sign-up.server.ts'

function requireSignupEnabled() {
  if (!env().SIGNUP_ENABLED)
    throw new Response('Sign-up is switched off here. Ask an administrator for an account.', { status: 403 })
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context)
  requireSignupEnabled()
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context)
  requireSignupEnabled()
  const parsed = signupSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 })
  const weak = await weakPasswordReason(parsed.data.password, [parsed.data.email, parsed.data.name ?? ''])
  if (weak) return data({ errors: { password: weak } as Record<string, string> }, { status: 400 })
  const result = await signUp(parsed.data, clientInfo(request, context))
  if (result.ok) return redirect('/devices', { headers: { 'Set-Cookie': result.setCookie } })
  return data(
    { errors: { [result.field]: result.error } as Record<string, string> },
    { status: result.status, headers: retryAfterHeaders(result) },
  )
}

export const headers = passRetryAfter

export const meta: MetaFunction = () => [{ title: 'Create an account · Doorman' }]

export default function SignupPage() {
  const errors = useActionData<typeof action>()?.errors
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
        <FormMessage message={errors?.form} />
        <Form method="post" className="mt-6 space-y-4">
          <TextField label="Name (optional)" name="name" autoComplete="name" maxLength={80} error={errors?.name} />
          <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors?.email} />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            hint="8 to 128 characters, not your email address."
            error={errors?.password}
          />
          <SubmitButton pendingText="Creating your account…" className="w-full">
            Create account
          </SubmitButton>
        </Form>
        <p className="mt-6 text-sm text-slate-600 dark:text-slate-300">
          Already have an account?{' '}
          <Link to="/login" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
            Sign in
          </Link>
        </p>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
