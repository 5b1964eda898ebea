import { z } from 'zod'

// Form schemas shared by client and server.

export const emailField = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(3, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .email('Enter a valid email address.')

export const newPasswordField = z
  .string({ error: 'Choose a password.' })
  .min(8, 'Use at least 8 characters.')
  .max(128, 'Use at most 128 characters.')

export const signupSchema = z
  .object({
    email: emailField,
    password: newPasswordField,
    name: z.string().trim().max(80, 'Use at most 80 characters.').optional(),
  })
  .refine((value) => value.password.toLowerCase() !== value.email, {
    path: ['password'],
    message: 'Your password must not be your email address.',
  })

export const loginSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(1024),
  remember: z.literal('on').optional(),
  redirectTo: z.string().optional(),
})

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
  newPassword: newPasswordField,
  signOutOthers: z.literal('on').optional(),
})

/** The first message for each field, for rendering next to inputs. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}
