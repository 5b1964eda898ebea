import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminLayout } from '~/components/admin/admin-layout.tsx'
import { EveryoneCard } from '~/components/admin/everyone-card.tsx'
import { JobProgress } from '~/components/admin/job-progress.tsx'
import { RuleForm } from '~/components/admin/rule-form.tsx'
import { RulePreview } from '~/components/admin/rule-preview.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/forms.tsx'
import { EVERYONE_PHRASE } from '~/lib/admin/admin-forms.ts'
import { parseRule, ruleToFields } from '~/lib/admin/session-rule.ts'
import { jobFor, startJob, type JobView } from '~/lib/jobs.server.ts'
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
  const jobId = params.get('job')
  const job = jobId ? jobFor(jobId, auth.user.id) : undefined
  const recentlyAuthenticated = isRecentlyAuthenticated(auth.session, now)
  const body = { now, everyone, rule, job, recentlyAuthenticated, flash }
  return data(body, { status: rule && !rule.ok ? 400 : 200, headers })
}

type Outcome = { intent: string; ok: boolean; message: string; field?: string }
const refuse = (outcome: Omit<Outcome, 'ok'>, status = 400) => data({ ...outcome, ok: false } as Outcome, { status })
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** The preview's count, shown as "of about N" while the job runs (display only). */
function expectedCount(form: FormData) {
  const n = Number(form.get('expected'))
  return Number.isSafeInteger(n) && n >= 0 ? n : null
}

// A bulk job runs in the background in short batches. One that ends quickly answers the
// form like any action; a longer one sends the admin to its progress (?job=…).
const QUICK_MS = 1_500
async function answerOrFollow(
  job: ReturnType<typeof startJob>,
  intent: string,
  setCookie: string | null,
  { disarm = false } = {},
) {
  const headers = setCookie ? { 'Set-Cookie': setCookie } : undefined
  const timer = new Promise<null>((resolve) => setTimeout(resolve, QUICK_MS, null))
  const settled: JobView | null = await Promise.race([job.finished, timer])
  if (!settled) return redirect(`/admin/sessions?job=${job.id}`, { status: 303, headers })
  const ok = settled.status === 'done'
  // A renewed token (an inline password) redirects, so that the page is read with the new cookie.
  // "Sign out everyone" redirects too: to the page without ?confirm=everyone, so that the
  // card is back to its first step (phrase gone, nothing armed), with or without JavaScript.
  if (setCookie || disarm)
    return redirectWithFlash('/admin/sessions', { ok, message: settled.message ?? '' }, setCookie)
  return data({ intent, ok, message: settled.message ?? '' } as Outcome, { status: ok ? 200 : 503 })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const actor = adminActor(auth, context.clientIp)
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
      const at = Number.isNaN(asOf.getTime()) ? new Date() : asOf
      const job = startJob({
        ownerId: auth.user.id,
        title: 'Signing out by rule',
        expected: expectedCount(form),
        run: async (progress) => {
          const done = await signOutByRule(actor, parsed.rule, at, { onProgress: ({ count }) => progress(count) })
          return `Signed out ${plural(done.count, 'session')} of ${plural(done.users, 'user')}.`
        },
      })
      return answerOrFollow(job, intent, reauth.setCookie)
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
      const job = startJob({
        ownerId: auth.user.id,
        title: 'Signing out everyone',
        expected: expectedCount(form),
        run: async (progress) => {
          const done = await signOutEveryone(actor, { onProgress: ({ count }) => progress(count) })
          return `Signed out everyone: ${plural(done.count, 'session')} of ${plural(done.users, 'user')}. Your session is the only one left.`
        },
      })
      return answerOrFollow(job, intent, reauth.setCookie, { disarm: true })
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
      {loaded.job !== undefined ? <JobProgress job={loaded.job} /> : null}
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
