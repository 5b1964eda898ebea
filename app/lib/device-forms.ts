import { z } from 'zod'

// The forms of the devices page, one schema per intent.

const sessionId = z.string().trim().min(1).max(64)

export const deviceActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('revoke'), sessionId, password: z.string().max(1024).optional() }),
  z.object({ intent: z.literal('revoke-others'), password: z.string().max(1024).optional() }),
  z.object({ intent: z.literal('revoke-all'), password: z.string().max(1024).optional() }),
  z.object({
    intent: z.literal('rename'),
    sessionId,
    label: z
      .string()
      .trim()
      .max(60, 'Use at most 60 characters.')
      // Labels are shown as plain text; control characters have no place in them.
      // eslint-disable-next-line no-control-regex
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Use plain text.'),
  }),
])

export type DeviceAction = z.infer<typeof deviceActionSchema>
