import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { DevicesView } from '~/components/devices/devices-view.tsx'
import { db } from '~/db.server.ts'
import { env } from '~/env.server.ts'
import { deviceActionSchema } from '~/lib/device-forms.ts'
import { positiveIntParam } from '~/lib/query-number.ts'
import { listActiveDevices, listEndedDevices } from '~/models/device-list.server.ts'
import { listEventsForUser } from '~/models/security-event.server.ts'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { isRecentlyAuthenticated, requireUser } from '~/session/guards.server.ts'
import { requireRecentAuth } from '~/session/reauth.server.ts'
import { renameOwnSession } from '~/session/rename.server.ts'
import { revokeAllSessions, revokeOtherSessions, revokeOwnSession } from '~/session/revoke.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request, context)
  const url = new URL(request.url)
  const now = new Date()
  const [active, ended, activity] = await Promise.all([
    listActiveDevices(user.id, {
      currentId: session.id,
      limit: positiveIntParam(url, 'show'),
      now,
    }),
    listEndedDevices(user.id, { now }),
    listEventsForUser(db, user.id, positiveIntParam(url, 'before')),
  ])
  return {
    now,
    userId: user.id,
    touchIntervalMs: env().SESSION_TOUCH_INTERVAL,
    idleTimeoutMs: env().SESSION_IDLE_TIMEOUT,
    recentlyAuthenticated: isRecentlyAuthenticated(session, now),
    ...active,
    ended,
    ...activity,
  }
}

const noSuchDevice = () =>
  data({ ok: false as const, message: 'No such device: it may already be signed out.' }, { status: 404 })
// Names the confirm dialog to keep open, so the person can try the password again.
const wrongPassword = (message: string, confirm: string) =>
  data({ ok: false as const, message, confirm }, { status: 400 })
const done = (message: string, setCookie?: string | null) =>
  data({ ok: true as const, message }, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request, context)
  const form = await request.formData()
  const parsed = deviceActionSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) {
    return data(
      { ok: false as const, message: parsed.error.issues[0]?.message ?? 'That request was not understood.' },
      { status: 400 },
    )
  }
  const input = parsed.data
  const ip = context.clientIp
  switch (input.intent) {
    case 'revoke': {
      // Ending another device is sensitive (V7.5.2): a stolen cookie must not end them one by one.
      let setCookie: string | null = null
      if (input.sessionId !== auth.session.id) {
        const reauth = await requireRecentAuth(request, context, auth, form, `/devices?confirm=${input.sessionId}`)
        if (!reauth.ok) return wrongPassword(reauth.error, input.sessionId)
        setCookie = reauth.setCookie
      }
      const revoked = await revokeOwnSession(auth, input.sessionId, ip)
      if (!revoked) return noSuchDevice()
      if (revoked.id === auth.session.id) return signedOutEverywhere('signed-out')
      return done(`Signed out ${revoked.label}.`, setCookie)
    }
    case 'rename': {
      if (!(await renameOwnSession(auth, input.sessionId, input.label, ip))) return noSuchDevice()
      return done(input.label ? `Renamed the device to “${input.label}”.` : 'The device has its original name again.')
    }
    case 'revoke-others': {
      const reauth = await requireRecentAuth(request, context, auth, form, '/devices?confirm=others')
      if (!reauth.ok) return wrongPassword(reauth.error, 'others')
      const count = await revokeOtherSessions(auth, ip)
      return done(
        count === 0 ? 'No other devices were signed in.' : `Signed out ${count} other device${count === 1 ? '' : 's'}.`,
        reauth.setCookie,
      )
    }
    case 'revoke-all': {
      const reauth = await requireRecentAuth(request, context, auth, form, '/devices?confirm=all')
      if (!reauth.ok) return wrongPassword(reauth.error, 'all')
      await revokeAllSessions(auth, ip)
      return signedOutEverywhere('everywhere')
    }
  }
}

async function signedOutEverywhere(reason: string) {
  throw redirect(`/login?reason=${reason}`, { headers: { 'Set-Cookie': await clearSessionCookie() } })
}

export const meta: MetaFunction = () => [{ title: 'Your devices · Doorman' }]

export default function DevicesPage() {
  return <DevicesView data={useLoaderData<typeof loader>()} result={useActionData<typeof action>() ?? null} />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
