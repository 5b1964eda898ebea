import { data, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { db } from '~/db.server.ts'
import { emailField } from '~/lib/validation.ts'
import { pendingEmailChange, requestEmailChange } from '~/unit-of-work/email-change.server.ts'
import { getMailPreferences, setMailPreferences } from '~/mail/preferences.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { deviceLabel } from '~/session/device.ts'
import { isRecentlyAuthenticated, type Authenticated } from '~/session/guards.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { requireRecentAuth } from '~/unit-of-work/reauth.server.ts'

// The account page's detail forms: display name, email address (sudo mode first) and
// which optional alerts come by email. /account's action hands these intents here.

const detailsSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('change-name'), name: z.string().trim().max(80, 'Use at most 80 characters.') }),
  z.object({ intent: z.literal('change-email'), newEmail: emailField, password: z.string().max(1024).optional() }),
  z.object({
    intent: z.literal('mail-preferences'),
    newSignIn: z.literal('on').optional(),
    failedSignIn: z.literal('on').optional(),
    adminSignOut: z.literal('on').optional(),
  }),
])

const intents = new Set(['change-name', 'change-email', 'mail-preferences'])

export type DetailsResult = { intent: string; ok: boolean; message: string }

/** What /account shows about details. */
export async function accountDetails(auth: Authenticated) {
  return {
    preferences: await getMailPreferences(auth.user.id),
    pendingEmail: await pendingEmailChange(auth.user.id),
    recentlyAuthenticated: isRecentlyAuthenticated(auth.session),
  }
}

// Keeps the password form's own fields (ok, errors) neutral, so that its messages stay put.
const reply = (details: DetailsResult, init?: ResponseInit) =>
  data({ ok: false as const, errors: {} as Record<string, string>, details }, init)

/** Handles a details form; null when the request is another of the page's forms. */
export async function accountDetailsAction(request: Request, context: AppLoadContext, auth: Authenticated) {
  const form = await request.clone().formData()
  const intent = String(form.get('intent') ?? '')
  if (!intents.has(intent)) return null
  const parsed = detailsSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success)
    return reply({ intent, ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 400 })
  const input = parsed.data
  const ip = context.clientIp
  const event = {
    actorId: auth.user.id,
    targetUserId: auth.user.id,
    sessionId: auth.session.id,
    ip,
    device: deviceLabel(auth.session),
  }
  switch (input.intent) {
    case 'change-name': {
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: auth.user.id }, data: { name: input.name || null } })
        await recordEvent(tx, { type: 'name-changed', ...event })
      })
      return reply({
        intent,
        ok: true,
        message: input.name ? `Your name is now ${input.name}.` : 'Your name was removed.',
      })
    }
    case 'change-email': {
      if (input.newEmail === auth.user.email)
        return reply({ intent, ok: false, message: 'That is already your email address.' }, { status: 400 })
      const reauth = await requireRecentAuth(context, auth, form, '/account')
      if (!reauth.ok) return reply({ intent, ok: false, message: reauth.error }, { status: reauth.status })
      await requestEmailChange(auth, input.newEmail, ip)
      const message = `We sent a confirmation link to ${input.newEmail}. Your email changes once you open it. We also told ${auth.user.email}.`
      // A renewed token (an inline password) redirects, so that the page is read with the new cookie.
      if (reauth.setCookie) throw await redirectWithFlash('/account', { ok: true, message }, reauth.setCookie)
      return reply({ intent, ok: true, message })
    }
    case 'mail-preferences': {
      const preferences = {
        newSignIn: input.newSignIn === 'on',
        failedSignIn: input.failedSignIn === 'on',
        adminSignOut: input.adminSignOut === 'on',
      }
      await setMailPreferences(auth.user.id, preferences)
      await recordEvent(db, { type: 'mail-preferences-changed', ...event, details: preferences })
      return reply({ intent, ok: true, message: 'Your email alert choices are saved.' })
    }
  }
}
