import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { Card, SubmitButton } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { db } from '~/db.server.ts'
import { placeText } from '~/mail/place.ts'
import { secureAccountByLink } from '~/unit-of-work/recovery.server.ts'
import { mailTime } from '~/mail/templates.ts'
import { findUsableToken, linkNoLongerWorks } from '~/mail/tokens.server.ts'
import { deviceLabel } from '~/session/device.ts'

// The "No, secure my account" link of a new-sign-in email. It works without signing in;
// opening it changes nothing (mail scanners open links), the button does.

async function requireNotMeLink(token: string | undefined) {
  return (await findUsableToken(token, 'not-me')) ?? linkNoLongerWorks()
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await requireNotMeLink(params.token)
  const session = link.sessionId ? await db.session.findUnique({ where: { id: link.sessionId } }) : null
  return {
    device: session ? deviceLabel(session) : 'the device',
    where: session ? placeText(session) : null,
    when: session ? mailTime(session.createdAt) : null,
  }
}

export async function action({ params, context }: ActionFunctionArgs) {
  const link = await requireNotMeLink(params.token)
  const used = await secureAccountByLink(link, context.clientIp)
  if (!used) linkNoLongerWorks()
  throw redirect(`/reset-password/${used.resetToken}`)
}

export const meta: MetaFunction = () => [{ title: 'Secure your account · Doorman' }]

export default function NotMePage() {
  const { device, where, when } = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Secure your account</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {device} signed in{where ? ` from ${where}` : ''}
          {when ? ` on ${when}` : ''}. If that was not you, sign it out now. Any page open on it will say so at once.
          Then choose a new password, which signs out every other device too.
        </p>
        <Form method="post" className="mt-6">
          <SubmitButton variant="danger" pendingText="Signing it out…" className="w-full">
            Sign out {device} and choose a new password
          </SubmitButton>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
