import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { Card, SubmitButton } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { confirmEmailChange } from '~/unit-of-work/email-change.server.ts'
import { findUsableToken, linkNoLongerWorks } from '~/mail/tokens.server.ts'

// The link sent to a new email address. Opening it changes nothing; the button does.

async function requireEmailLink(token: string | undefined) {
  return (await findUsableToken(token, 'email-change')) ?? linkNoLongerWorks()
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await requireEmailLink(params.token)
  return { newEmail: link.newEmail ?? '' }
}

export async function action({ params, context }: ActionFunctionArgs) {
  const link = await requireEmailLink(params.token)
  const outcome = await confirmEmailChange(link, context.clientIp)
  if (outcome === 'gone') linkNoLongerWorks()
  if (outcome === 'taken')
    throw new Response('Another account uses that email address now, so it cannot be yours too.', { status: 409 })
  // A redirect, not a page: reloading must not post again (and the link is now used).
  throw redirect('/account?email-changed=1')
}

export const meta: MetaFunction = () => [{ title: 'Confirm your email address · Doorman' }]

export default function ConfirmEmailPage() {
  const { newEmail } = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">Confirm your email address</h1>
        <Form method="post" className="mt-6">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
            Use {newEmail} for your Doorman account from now on?
          </p>
          <SubmitButton pendingText="Confirming…" className="w-full">
            Use {newEmail}
          </SubmitButton>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
