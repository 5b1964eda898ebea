import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { Alert, Card, CheckboxField, SubmitButton, TextField } from '~/components/forms.tsx'
import type { DetailsResult } from '~/unit-of-work/account-details.server.ts'

type Preferences = { newSignIn: boolean; failedSignIn: boolean; adminSignOut: boolean }
type Props = {
  name: string | null
  email: string
  pendingEmail: string | null
  preferences: Preferences
  recentlyAuthenticated: boolean
}

function useDetailsResult(intent: string) {
  const result = (useActionData() as { details?: DetailsResult } | undefined)?.details
  return result?.intent === intent ? result : null
}

function Result({ result }: { result: DetailsResult | null }) {
  if (!result) return null
  return (
    <div className="mt-4">
      <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
    </div>
  )
}

/** Notices that arrive by URL: after "No, secure my account" and after an email change. */
export function AccountNotices() {
  const [params] = useSearchParams()
  if (params.get('secure'))
    return (
      <Alert tone="info">
        We signed that device out. Now choose a new password below: it signs out every other device too.
      </Alert>
    )
  if (params.get('email-changed')) return <Alert tone="success">Your email address is changed.</Alert>
  return null
}

export function AccountDetails(props: Props) {
  const nameResult = useDetailsResult('change-name')
  const emailResult = useDetailsResult('change-email')
  const preferencesResult = useDetailsResult('mail-preferences')
  return (
    <>
      <Card>
        <h2 className="text-lg font-semibold">Display name</h2>
        <Result result={nameResult} />
        <Form method="post" className="mt-4 space-y-4">
          <TextField label="Name" name="name" autoComplete="name" maxLength={80} defaultValue={props.name ?? ''} />
          <SubmitButton name="intent" value="change-name" pendingText="Saving…">
            Save name
          </SubmitButton>
        </Form>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Email address</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          We send a link to the new address; it changes once you open it. {props.email} is told too.
        </p>
        {props.pendingEmail ? <p className="mt-2 text-sm">Waiting for {props.pendingEmail} to confirm.</p> : null}
        <Result result={emailResult} />
        <Form method="post" className="mt-4 space-y-4">
          <TextField label="New email address" name="newEmail" type="email" autoComplete="email" required />
          {props.recentlyAuthenticated ? null : (
            <TextField
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              hint="Changing your email is a sensitive action."
            />
          )}
          <SubmitButton name="intent" value="change-email" pendingText="Sending…">
            Send confirmation link
          </SubmitButton>
        </Form>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Email alerts</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Password and email changes, reset links, a change of your role and an administrator disabling or enabling your
          account are always emailed. Choose which others you want:
        </p>
        <Result result={preferencesResult} />
        <Form method="post" className="mt-4 space-y-3">
          <CheckboxField
            label="A sign-in from a new browser or place"
            name="newSignIn"
            defaultChecked={props.preferences.newSignIn}
          />
          <CheckboxField
            label="Repeated failed sign-in attempts"
            name="failedSignIn"
            defaultChecked={props.preferences.failedSignIn}
          />
          <CheckboxField
            label="An administrator signed one of my devices out"
            name="adminSignOut"
            defaultChecked={props.preferences.adminSignOut}
          />
          <SubmitButton name="intent" value="mail-preferences" pendingText="Saving…">
            Save alert choices
          </SubmitButton>
        </Form>
      </Card>
    </>
  )
}
