import { redirect, type AppLoadContext } from '@remix-run/node'
import { clearSessionCookie } from '~/session/cookie.server.ts'
import { requireAdmin } from '~/session/guards.server.ts'

/**
 * The action of an admin page that takes no POST. Without it Remix would answer 405
 * to anyone; with it a non-admin gets the same 403 as on every other admin request.
 */
export async function refusePost(request: Request, context: AppLoadContext): Promise<never> {
  await requireAdmin(request, context)
  throw new Response('This page has nothing to submit.', { status: 405 })
}

/** After an admin action ended the admin's own session: to the sign-in page, saying why. */
export async function signedOutByOwnAction(
  reason: 'revoked-by-admin' | 'user-disabled' | 'role-change',
): Promise<never> {
  throw redirect(`/login?reason=${reason}`, { headers: { 'Set-Cookie': await clearSessionCookie() } })
}
