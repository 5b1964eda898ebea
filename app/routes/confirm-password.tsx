import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { Card, SubmitButton, TextField, FormMessage } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { safeRedirect } from '~/lib/safe-redirect.ts'
import { passRetryAfter, retryAfterHeaders } from '~/lib/retry-after.server.ts'
import { requireUser } from '~/session/guards.server.ts'
import { confirmPassword } from '~/unit-of-work/reauth.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context)
  return { email: user.email }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request, context)
  const form = await request.formData()
  const password = form.get('password')
  if (typeof password !== 'string' || password === '') return data({ error: 'Enter your password.' }, { status: 400 })
  const result = await confirmPassword(auth, password, context.clientIp)
  if (!result.ok) {
    return data({ error: result.error }, { status: result.status, headers: retryAfterHeaders(result) })
  }
  const renewed = result.setCookie ? { headers: { 'Set-Cookie': result.setCookie } } : undefined
  return redirect(safeRedirect(form.get('redirectTo')), renewed)
}

export const headers = passRetryAfter

export const meta: MetaFunction = () => [{ title: 'Confirm your password · Doorman' }]

export default function ConfirmPasswordPage() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Confirm your password</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          This is a sensitive action. Enter your password to continue; we will not ask again for a few minutes.
        </p>
        <FormMessage message={actionData?.error} />
        <Form method="post" className="mt-6 space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/devices'} />
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
          <SubmitButton pendingText="Checking…" className="w-full">
            Confirm
          </SubmitButton>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
