import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Alert, Card, CheckboxField, SubmitButton, TextField } from '~/components/forms.tsx'
import { readTouchPoints, TouchPointsField } from '~/components/touch-points-field.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { env } from '~/env.server.ts'
import { safeRedirect } from '~/lib/safe-redirect.ts'
import { loginSchema } from '~/lib/validation.ts'
import { recordFailure, recordSuccess, retryAfterSeconds } from '~/models/login-throttle.server.ts'
import { recordSignInFailure, signIn } from '~/session/sign-in.server.ts'
import { verifyLogin, normalizeEmail } from '~/models/user.server.ts'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { isRejectReason, signedOutMessage } from '~/session/end-reasons.ts'
import { clientInfo, requireAnonymous } from '~/session/guards.server.ts'

const WRONG = 'That email and password do not match an account.'

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

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context)
  const form = await request.formData()
  const parsed = loginSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ error: 'Enter your email and password.' }, { status: 400 })
  const { email: rawEmail, password, remember, redirectTo } = parsed.data
  const email = normalizeEmail(rawEmail)
  const client = { ...clientInfo(request, context), touchPoints: readTouchPoints(form) }

  const wait = await retryAfterSeconds(email, client.ip)
  if (wait > 0) {
    return data(
      { error: `Too many failed attempts. Try again in ${wait} second${wait === 1 ? '' : 's'}.` },
      { status: 429, headers: { 'Retry-After': String(wait) } },
    )
  }
  const user = await verifyLogin(email, password)
  if (!user) {
    await recordFailure(email, client.ip)
    await recordSignInFailure(email, client, 'wrong-credentials')
    return data({ error: WRONG }, { status: 400 })
  }
  if (user.disabledAt) {
    await recordSignInFailure(email, client, 'disabled')
    return data({ error: 'This account is disabled. Contact an administrator.' }, { status: 403 })
  }
  await recordSuccess(email, client.ip)
  const { setCookie } = await signIn(user.id, remember === 'on', client)
  return redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': setCookie } })
}

// Remix keeps only Set-Cookie from actions on document responses; pass Retry-After on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export const meta: MetaFunction = () => [{ title: 'Sign in · Doorman' }]

export default function LoginPage() {
  const { signupEnabled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const reason = searchParams.get('reason')
  const notice =
    reason === 'everywhere'
      ? 'You signed out everywhere. Every device, this one included, has to sign in again.'
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
