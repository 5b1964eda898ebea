import { z } from 'zod'

// The mail settings, kept beside env.server.ts so that it only spreads them in.

/** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
const smtpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== ''
  } catch {
    return false
  }
}, 'expected a URL such as smtp://user:pass@mail.example.com:587 or smtps://…:465')

/** `doorman@example.com` or `Doorman <doorman@example.com>`. */
const mailFrom = z
  .string()
  .regex(
    /^(?:[^<>@\r\n]{1,80}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    'expected an address such as doorman@example.com or "Doorman <doorman@example.com>"',
  )

export const mailSettings = {
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: mailFrom.optional(),
  /** Where mail goes when no SMTP server is configured. */
  MAIL_OUTBOX: z.string().min(1).default('data/outbox'),
}

/** Sending through SMTP needs a sender address too. */
export function requireMailFrom(value: { SMTP_URL?: string; MAIL_FROM?: string }, ctx: z.RefinementCtx) {
  if (value.SMTP_URL && !value.MAIL_FROM)
    ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'required when SMTP_URL is set' })
}

/** What `npm start` says about mail: where it goes. */
export function mailStartLine(config: { SMTP_URL?: string; MAIL_OUTBOX: string }, resolve: (dir: string) => string) {
  if (config.SMTP_URL) return `Mail is sent through ${new URL(config.SMTP_URL).host}.`
  return `Mail: no SMTP_URL is set, so messages are written to ${resolve(config.MAIL_OUTBOX)} (open them with any mail program).`
}
