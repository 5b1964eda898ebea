import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminUserView } from '~/components/admin/user-view.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { env } from '~/env.server.ts'
import { firstIssue, userActionSchema, type UserAction } from '~/lib/admin/admin-forms.ts'
import { positiveIntParam } from '~/lib/query-number.ts'
import { adminActor, type ActionResult, type AdminActor } from '~/models/admin/actor.server.ts'
import { signedOutByOwnAction } from '~/models/admin/guard.server.ts'
import { getUserDetail, requireUserProfile } from '~/models/admin/user-detail.server.ts'
import { adminRevokeAll, adminRevokeSession } from '~/models/admin/user-sessions.server.ts'
import { setUserDisabled, setUserRole } from '~/models/admin/user-status.server.ts'
import { isRecentlyAuthenticated, requireAdmin } from '~/session/guards.server.ts'
import { requireRecentAuth } from '~/session/reauth.server.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const url = new URL(request.url)
  const now = new Date()
  const detail = await getUserDetail(params.userId ?? '', {
    show: positiveIntParam(url, 'show'),
    before: positiveIntParam(url, 'before'),
    now,
  })
  return {
    ...detail,
    now,
    touchIntervalMs: env().SESSION_TOUCH_INTERVAL,
    recentlyAuthenticated: isRecentlyAuthenticated(auth.session, now),
    self: { id: auth.user.id, sessionId: auth.session.id },
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, context)
  const user = await requireUserProfile(params.userId ?? '')
  const form = await request.formData()
  const parsed = userActionSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ ok: false as const, message: firstIssue(parsed.error) }, { status: 400 })
  const input = parsed.data
  const here = `/admin/users/${encodeURIComponent(user.id)}`
  const reauth = await requireRecentAuth(request, context, auth, form, `${here}${confirmQuery(input)}`)
  if (!reauth.ok) return data({ ok: false as const, message: reauth.error }, { status: 400 })
  const result = await perform(adminActor(auth, context.clientIp), user.id, input)
  if (result.ok && result.endedOwnSession) return signedOutByOwnAction(ownReason[input.intent])
  const headers = reauth.setCookie ? { 'Set-Cookie': reauth.setCookie } : undefined
  return data({ ok: result.ok, message: result.message }, { status: result.ok ? 200 : result.status, headers })
}

function perform(actor: AdminActor, userId: string, input: UserAction): Promise<ActionResult> {
  switch (input.intent) {
    case 'revoke':
      return adminRevokeSession(actor, userId, input.sessionId)
    case 'revoke-all':
      return adminRevokeAll(actor, userId)
    case 'disable':
    case 'enable':
      return setUserDisabled(actor, userId, input.intent === 'disable')
    case 'set-role':
      return setUserRole(actor, userId, input.role)
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
  return <AdminUserView data={useLoaderData<typeof loader>()} result={useActionData<typeof action>() ?? null} />
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.email ?? 'User'} · Admin · Doorman` },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
