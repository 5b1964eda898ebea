import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminUserView } from '~/components/admin/user-view.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { env } from '~/env.server.ts'
import { firstIssue, userActionSchema, type UserAction } from '~/lib/admin/admin-forms.ts'
import { redirectWithFlash, takeFlash } from '~/lib/flash.server.ts'
import { positiveIntParam } from '~/lib/query-number.ts'
import { retryAfterHeaders } from '~/lib/retry-after.server.ts'
import { adminActor, type ActionResult, type AdminActor } from '~/models/admin/actor.server.ts'
import { getUserDetail, findUserProfile } from '~/models/admin/user-detail.server.ts'
import { isRecentlyAuthenticated, requireAdmin, signedOutByOwnAction } from '~/session/guards.server.ts'
import { revokeUserSession, revokeUserSessions, setDisabled, setRole } from '~/unit-of-work/admin.server.ts'
import { requireRecentAuth } from '~/unit-of-work/reauth.server.ts'

const noSuchUser = () => new Response('No such user.', { status: 404, statusText: 'No such user' })

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const url = new URL(request.url)
  const now = new Date()
  const [detail, { flash, headers }] = await Promise.all([
    getUserDetail(params.userId ?? '', {
      show: positiveIntParam(url, 'show'),
      before: positiveIntParam(url, 'before'),
      now,
    }),
    takeFlash(request),
  ])
  if (!detail) throw noSuchUser()
  const body = {
    ...detail,
    now,
    touchIntervalMs: env().SESSION_TOUCH_INTERVAL,
    recentlyAuthenticated: isRecentlyAuthenticated(auth.session, now),
    self: { id: auth.user.id, sessionId: auth.session.id },
    flash,
  }
  return data(body, { headers })
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const user = await findUserProfile(params.userId ?? '')
  if (!user) throw noSuchUser()
  const form = await request.formData()
  const parsed = userActionSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ ok: false as const, message: firstIssue(parsed.error) }, { status: 400 })
  const input = parsed.data
  const here = `/admin/users/${encodeURIComponent(user.id)}`
  const reauth = await requireRecentAuth(context, auth, form, `${here}${confirmQuery(input)}`)
  if (!reauth.ok)
    return data(
      { ok: false as const, message: reauth.error },
      { status: reauth.status, headers: retryAfterHeaders(reauth) },
    )
  const result = await perform(adminActor(auth, context.clientIp), user.id, input)
  if (result.ok && result.endedOwnSession) return signedOutByOwnAction(ownReason[input.intent])
  // A renewed token (an inline password) redirects, so that the page is read with the new cookie.
  if (reauth.setCookie) return redirectWithFlash(here, { ok: result.ok, message: result.message }, reauth.setCookie)
  return data({ ok: result.ok, message: result.message }, { status: result.ok ? 200 : result.status })
}

function perform(actor: AdminActor, userId: string, input: UserAction): Promise<ActionResult> {
  switch (input.intent) {
    case 'revoke':
      return revokeUserSession(actor, userId, input.sessionId)
    case 'revoke-all':
      return revokeUserSessions(actor, userId)
    case 'disable':
    case 'enable':
      return setDisabled(actor, userId, input.intent === 'disable')
    case 'set-role':
      return setRole(actor, userId, input.role)
  }
}

const ownReason = {
  revoke: 'revoked-by-admin',
  'revoke-all': 'revoked-by-admin',
  disable: 'user-disabled',
  enable: 'revoked-by-admin',
  'set-role': 'role-change',
} as const

/** Where /confirm-password brings the admin back to: the same confirm step. */
function confirmQuery(input: UserAction) {
  if (input.intent === 'revoke') return `?confirm=revoke&session=${encodeURIComponent(input.sessionId)}`
  return `?confirm=${input.intent === 'set-role' ? 'role' : input.intent}`
}

export default function AdminUserPage() {
  const loaded = useLoaderData<typeof loader>()
  return <AdminUserView data={loaded} result={useActionData<typeof action>() ?? loaded.flash} />
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.email ?? 'User'} · Admin · Doorman` },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
