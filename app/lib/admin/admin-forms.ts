import { z } from 'zod'

// The admin console's POST forms, one schema per page. Every action also accepts the
// inline `password` of sudo mode (checked by requireRecentAuth, not here).

const password = z.string().max(1024).optional()

export const userActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('revoke'), sessionId: z.string().trim().min(1).max(64), password }),
  z.object({ intent: z.literal('revoke-all'), password }),
  z.object({ intent: z.literal('disable'), password }),
  z.object({ intent: z.literal('enable'), password }),
  z.object({
    intent: z.literal('set-role'),
    role: z.enum(['user', 'admin'], { error: 'Choose user or admin.' }),
    password,
  }),
])

export type UserAction = z.infer<typeof userActionSchema>

/** What the admin must type to sign out everyone: deliberate, and hard to do by accident. */
export const EVERYONE_PHRASE = 'SIGN OUT EVERYONE'

export const sessionsIntents = ['preview', 'revoke-matching', 'revoke-everyone'] as const
export type SessionsIntent = (typeof sessionsIntents)[number]

/** The first message of a failed parse, for a one-line alert. */
export function firstIssue(error: z.ZodError, fallback = 'That request was not understood.'): string {
  return error.issues[0]?.message ?? fallback
}
