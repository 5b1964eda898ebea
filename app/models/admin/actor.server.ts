import type { Ending } from '~/session/end-sessions.server.ts'
import type { EndReason } from '~/session/end-reasons.ts'
import { deviceLabel } from '~/session/device.ts'
import type { Authenticated } from '~/session/guards.server.ts'

/**
 * Who performs an admin action: recorded as the actor of its security event. The command
 * line (`npm run user`) acts with no user id and no session (`commandLineActor`).
 */
export type AdminActor = { id: string | null; sessionId: string; ip: string | null; device: string }

/** `npm run user`: no user, no session ('' matches no session id), no IP. */
export const commandLineActor: AdminActor = { id: null, sessionId: '', ip: null, device: 'The command line' }

/** What history shows as having ended a session; people never see which admin. */
export const ADMIN_LABEL = 'An administrator'

export function adminActor(auth: Authenticated, ip: string): AdminActor {
  return { id: auth.user.id, sessionId: auth.session.id, ip, device: deviceLabel(auth.session) }
}

export function adminEnding(actor: AdminActor, reason: EndReason, now: Date): Ending {
  return { reason, actorId: actor.id, actorLabel: ADMIN_LABEL, now }
}

/** The event fields every admin action shares: the admin as actor, from their device. */
export function adminEventBase(actor: AdminActor) {
  return { actorId: actor.id, ip: actor.ip, device: actor.device }
}

export type ActionResult =
  { ok: true; message: string; endedOwnSession?: boolean } | { ok: false; status: 400 | 404 | 409; message: string }
