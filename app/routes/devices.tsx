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
import { redirectWithFlash, takeFlash } from '~/lib/flash.server.ts'
import { retryAfterHeaders } from '~/lib/retry-after.server.ts'
import { listSignInNotices } from '~/unit-of-work/sign-in-notices.server.ts'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { isRecentlyAuthenticated, requireUser } from '~/session/guards.server.ts'
import {
  renameOwnSession,
  revokeAllSessions,
  revokeOtherSessions,
  revokeOwnSession,
} from '~/unit-of-work/devices.server.ts'
import { requireRecentAuth } from '~/unit-of-work/reauth.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request, context)
  const { user, session } = auth
  const url = new URL(request.url)
  const now = new Date()
  const [active, ended, activity, { flash, headers }, signInNotices] = await Promise.all([
    listActiveDevices(user.id, {
      currentId: session.id,
      limit: positiveIntParam(url, 'show'),
      now,
    }),
    listEndedDevices(user.id, { now }),
    listEventsForUser(db, user.id, positiveIntParam(url, 'before')),
    takeFlash(request),
    listSignInNotices(auth, now),
  ])
  return data(
    {
      now,
      userId: user.id,
      touchIntervalMs: env().SESSION_TOUCH_INTERVAL,
      idleTimeoutMs: env().SESSION_IDLE_TIMEOUT,
      recentlyAuthenticated: isRecentlyAuthenticated(session, now),
      ...active,
      ended,
      ...activity,
      flash,
      signInNotices,
    },
    { headers },
  )
}

const noSuchDevice = () =>
  data({ ok: false as const, message: 'No such device: it may already be signed out.' }, { status: 404 })
// Names the confirm dialog to keep open, so the person can try the password again.
const wrongPassword = (reauth: { error: string; status: number; retryAfter?: number }, confirm: string) =>
  data(
    { ok: false as const, message: reauth.error, confirm },
    { status: reauth.status, headers: retryAfterHeaders(reauth) },
  )
// A renewed token (an inline password) redirects, so that the page is read with the new cookie.
const done = (message: string, setCookie?: string | null) =>
  setCookie ? redirectWithFlash('/devices', { ok: true, message }, setCookie) : data({ ok: true as const, message })

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
        const reauth = await requireRecentAuth(context, auth, form, `/devices?confirm=${input.sessionId}`)
        if (!reauth.ok) return wrongPassword(reauth, input.sessionId)
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
      const reauth = await requireRecentAuth(context, auth, form, '/devices?confirm=others')
      if (!reauth.ok) return wrongPassword(reauth, 'others')
      const count = await revokeOtherSessions(auth, ip)
      return done(
        count === 0 ? 'No other devices were signed in.' : `Signed out ${count} other device${count === 1 ? '' : 's'}.`,
        reauth.setCookie,
      )
    }
    case 'revoke-all': {
      const reauth = await requireRecentAuth(context, auth, form, '/devices?confirm=all')
      if (!reauth.ok) return wrongPassword(reauth, 'all')
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
  const loaded = useLoaderData<typeof loader>()
  return <DevicesView data={loaded} result={useActionData<typeof action>() ?? loaded.flash} />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
