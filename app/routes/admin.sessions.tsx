import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminLayout } from '~/components/admin/admin-layout.tsx'
import { EveryoneCard } from '~/components/admin/everyone-card.tsx'
import { RuleForm } from '~/components/admin/rule-form.tsx'
import { RulePreview } from '~/components/admin/rule-preview.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/forms.tsx'
import { EVERYONE_PHRASE } from '~/lib/admin/admin-forms.ts'
import { parseRule, ruleToFields } from '~/lib/admin/session-rule.ts'
import { adminActor } from '~/models/admin/actor.server.ts'
import { previewEveryone } from '~/models/admin/everyone.server.ts'
import { ruleState } from '~/models/admin/rule-state.server.ts'
import { isRecentlyAuthenticated, requireAdmin } from '~/session/guards.server.ts'
import { signOutByRule, signOutEveryone } from '~/unit-of-work/admin.server.ts'
import { requireRecentAuth } from '~/unit-of-work/reauth.server.ts'
import { redirectWithFlash, takeFlash } from '~/lib/flash.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const params = new URL(request.url).searchParams
  const now = new Date()
  const except = { sessionId: auth.session.id, userId: auth.user.id }
  // Counting everyone reads every active session: only on the confirm step that shows it.
  const [everyone, rule, { flash, headers }] = await Promise.all([
    params.get('confirm') === 'everyone' ? previewEveryone(except, now) : null,
    params.get('intent') === 'preview' ? ruleState(params, except, now) : null,
    takeFlash(request),
  ])
  const body = { now, everyone, rule, recentlyAuthenticated: isRecentlyAuthenticated(auth.session, now), flash }
  return data(body, { status: rule && !rule.ok ? 400 : 200, headers })
}

type Outcome = { intent: string; ok: boolean; message: string; field?: string }
const refuse = (outcome: Omit<Outcome, 'ok'>, status = 400) => data({ ...outcome, ok: false } as Outcome, { status })

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const actor = adminActor(auth, context.clientIp)
  // A renewed token (an inline password) redirects, so that the page is read with the new cookie.
  const ok = (message: string, setCookie: string | null) =>
    setCookie
      ? redirectWithFlash('/admin/sessions', { ok: true, message }, setCookie)
      : data({ intent, ok: true, message } as Outcome)
  switch (intent) {
    case 'preview': {
      const rule = await ruleState(form, { sessionId: auth.session.id, userId: auth.user.id })
      return data(
        { intent, ok: rule.ok, message: rule.ok ? '' : 'Check the rule.', rule } as Outcome & { rule: typeof rule },
        { status: rule.ok ? 200 : 400 },
      )
    }
    case 'revoke-matching': {
      const parsed = parseRule(form)
      if (!parsed.ok) return refuse({ intent, message: Object.values(parsed.errors)[0] ?? 'Check the rule.' })
      const asOf = new Date(String(form.get('asOf') ?? ''))
      const query = new URLSearchParams({ ...ruleToFields(parsed.rule), intent: 'preview' })
      const reauth = await requireRecentAuth(context, auth, form, `/admin/sessions?${query}`)
      if (!reauth.ok) return refuse({ intent, field: 'password', message: reauth.error }, reauth.status)
      const { count, users } = await signOutByRule(actor, parsed.rule, Number.isNaN(asOf.getTime()) ? new Date() : asOf)
      return ok(
        `Signed out ${count} session${count === 1 ? '' : 's'} of ${users} user${users === 1 ? '' : 's'}.`,
        reauth.setCookie,
      )
    }
    case 'revoke-everyone': {
      if (form.get('confirm') !== EVERYONE_PHRASE)
        return refuse({
          intent,
          field: 'confirm',
          message: `Type ${EVERYONE_PHRASE} exactly, in capitals, to confirm.`,
        })
      const reauth = await requireRecentAuth(context, auth, form, '/admin/sessions?confirm=everyone')
      if (!reauth.ok) return refuse({ intent, field: 'password', message: reauth.error }, reauth.status)
      const { count, users } = await signOutEveryone(actor)
      return ok(
        `Signed out everyone: ${count} session${count === 1 ? '' : 's'} of ${users} user${users === 1 ? '' : 's'}. Your session is the only one left.`,
        reauth.setCookie,
      )
    }
    default:
      return refuse({ intent, message: 'That request was not understood.' })
  }
}

export default function AdminSessionsPage() {
  const loaded = useLoaderData<typeof loader>()
  const result =
    (useActionData<typeof action>() as (Outcome & { rule?: typeof loaded.rule }) | undefined) ??
    (loaded.flash ? { intent: 'done', ...loaded.flash } : undefined)
  const rule = result?.rule ?? loaded.rule
  const askPassword = !loaded.recentlyAuthenticated
  return (
    <AdminLayout
      title="Sign out in bulk"
      description="End many sessions at once: everyone's, or those that match a rule."
    >
      {result && result.intent !== 'preview' ? (
        <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>
      ) : null}
      <RuleForm fields={rule?.fields ?? {}} errors={rule && !rule.ok ? rule.errors : {}} />
      {rule?.ok ? (
        <RulePreview
          description={rule.description}
          preview={rule.preview}
          ruleFields={rule.ruleFields}
          askPassword={askPassword}
          now={new Date(loaded.now)}
        />
      ) : null}
      <EveryoneCard counts={loaded.everyone} askPassword={askPassword} />
    </AdminLayout>
  )
}

export const meta: MetaFunction = () => [{ title: 'Sign out in bulk · Admin · Doorman' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
