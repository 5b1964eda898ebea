import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/db.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { checkSession } from '~/session/guards.server.ts'

// Sign-out is a POST only: a GET must never change state (a link or an <img> could).
export function loader() {
  throw new Response('Sign out with the button in the header; this address only accepts a form POST.', {
    status: 405,
    headers: { Allow: 'POST' },
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const validation = await checkSession(request, context)
  if (validation?.ok) {
    const { session, user } = validation
    await db.$transaction(async (tx) => {
      const ended = await endSessions(
        tx,
        { id: session.id, userId: user.id },
        { reason: 'signed-out', actorId: user.id },
      )
      if (ended > 0) {
        await recordEvent(tx, {
          type: 'sign-out',
          actorId: user.id,
          targetUserId: user.id,
          sessionId: session.id,
          ip: context.clientIp,
          device: deviceLabel(session),
        })
      }
    })
  }
  return redirect('/login?reason=signed-out', {
    headers: { 'Set-Cookie': await clearSessionCookie(), 'Clear-Site-Data': '"cookies"' },
  })
}
