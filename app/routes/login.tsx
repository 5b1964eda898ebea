import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Alert, Card, CheckboxField, SubmitButton, TextField } from '~/components/forms.tsx'
import { readTouchPoints, TouchPointsField } from '~/components/touch-points-field.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { env } from '~/env.server.ts'
import { safeRedirect } from '~/lib/safe-redirect.ts'
import { loginSchema } from '~/lib/validation.ts'
import { passRetryAfter, retryAfterHeaders } from '~/lib/retry-after.server.ts'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { isRejectReason, signedOutMessage } from '~/session/end-reasons.ts'
import { checkSession, clientInfo, requireAnonymous } from '~/session/guards.server.ts'
import { signInWithPassword } from '~/unit-of-work/sign-in.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const refused = await requireAnonymous(request, context)
  if (refused) {
    // Clear the refused cookie and say why, via the URL, so a reload still explains it.
    const url = new URL(request.url)
    url.searchParams.set('reason', url.searchParams.get('reason') ?? refused)
    throw redirect(`${url.pathname}${url.search}`, { headers: { 'Set-Cookie': await clearSessionCookie() } })
  }
  return { signupEnabled: env().SIGNUP_ENABLED }
}

// Open to everyone: valid credentials always sign in on a new session, even in a browser
// that holds a valid session already (someone else's, say); that session is ended.
export async function action({ request, context }: ActionFunctionArgs) {
  const current = await checkSession(request, context)
  const form = await request.formData()
  const parsed = loginSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ error: 'Enter your email and password.' }, { status: 400 })
  const { email, password, remember, redirectTo } = parsed.data
  const result = await signInWithPassword({
    email,
    password,
    remember: remember === 'on',
    client: { ...clientInfo(request, context), touchPoints: readTouchPoints(form) },
    replacing: current?.ok ? current : null,
  })
  if (!result.ok) {
    return data({ error: result.error }, { status: result.status, headers: retryAfterHeaders(result) })
  }
  return redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': result.setCookie } })
}

export const headers = passRetryAfter

export const meta: MetaFunction = () => [{ title: 'Sign in · Doorman' }]

export default function LoginPage() {
  const { signupEnabled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const reason = searchParams.get('reason')
  const notice =
    reason === 'everywhere'
      ? 'You signed out everywhere. Every device, this one included, has to sign in again.'
      : reason === 'password-reset'
        ? 'Your password is changed and every device was signed out. Sign in with the new password.'
        : isRejectReason(reason)
          ? signedOutMessage[reason]
          : null
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
        <div className="mt-4 space-y-3">
          {/* One message at a time: a refused sign-in says why itself. */}
          {notice && !actionData?.error ? <Alert tone="info">{notice}</Alert> : null}
          {actionData?.error ? <Alert tone="error">{actionData.error}</Alert> : null}
        </div>
        <Form method="post" className="mt-6 space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <TouchPointsField />
          <TextField label="Email" name="email" type="email" autoComplete="email" required />
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
          <CheckboxField label="Keep me signed in" name="remember" />
          <p className="text-sm">
            <Link to="/forgot-password" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
              Forgot password?
            </Link>
          </p>
          <SubmitButton pendingText="Signing in…" className="w-full">
            Sign in
          </SubmitButton>
        </Form>
        {signupEnabled ? (
          <p className="mt-6 text-sm text-slate-600 dark:text-slate-300">
            New here?{' '}
            <Link to="/signup" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
              Create an account
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
