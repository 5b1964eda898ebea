import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { answerSignInNotice } from '~/unit-of-work/sign-in-notices.server.ts'
import { requireUser } from '~/session/guards.server.ts'

// POST /sign-in-alerts/:alertId — the two answers to "Was this you?" on /devices.

const answerSchema = z.object({ answer: z.enum(['me', 'not-me']) })

export async function loader() {
  throw new Response('Answer a sign-in alert from Your devices.', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request, context)
  const parsed = answerSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('That answer was not understood.', { status: 400 })
  const answered = await answerSignInNotice(auth, params.alertId ?? '', parsed.data.answer, context.clientIp)
  if (!answered) throw new Response('No such sign-in alert: it may have been answered already.', { status: 404 })
  if (parsed.data.answer === 'me') throw redirect('/devices')
  // Signed out; now the password, which a thief may know.
  throw redirect('/account?secure=1#change-password')
}
