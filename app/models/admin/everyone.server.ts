import { db } from '~/db.server.ts'
import { adminEnding, adminEventBase, type AdminActor } from '~/models/admin/actor.server.ts'
import { BULK_TRANSACTION } from '~/models/admin/rules.server.ts'
import { countRuleMatches } from '~/models/admin/sql.server.ts'
import { recordEvent } from '~/models/security-event.server.ts'
import { endSessions } from '~/session/end-sessions.server.ts'
import { activeSessionWhere } from '~/session/session.server.ts'

// "Sign out everyone": every active session of every user, but the acting admin's own.

/** What signing out everyone would end now: sessions, and the people they belong to. */
export function previewEveryone(except: { sessionId: string; userId: string }, now = new Date()) {
  return countRuleMatches({ rule: {}, at: now, now, except })
}

export async function revokeEveryone(actor: AdminActor) {
  const now = new Date()
  return db.$transaction(async (tx) => {
    const { users } = await countRuleMatches(
      { rule: {}, at: now, now, except: { sessionId: actor.sessionId, userId: actor.id ?? '' } },
      tx,
    )
    const count = await endSessions(
      tx,
      { ...activeSessionWhere(now), id: { not: actor.sessionId } },
      adminEnding(actor, 'revoked-by-admin', now),
    )
    await recordEvent(tx, {
      type: 'admin-revoked-everyone',
      ...adminEventBase(actor),
      details: { by: 'admin', count, users },
    })
    return { count, users }
  }, BULK_TRANSACTION)
}
