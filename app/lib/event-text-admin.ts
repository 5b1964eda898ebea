import { eventDetails } from '~/lib/event-text.ts'

// The admin console's voice: it names the person ("Dana signed out …") and speaks of
// administrators in the third person, never "you" for the person the event is about.

type EventLike = {
  type: string
  actorId: string | null
  targetUserId?: string | null
  device: string | null
  details: string | null
}

/** Words for the audit log's type filter. */
export const eventTypeNames: Record<string, string> = {
  signup: 'Account created',
  'sign-in': 'Sign-in',
  'sign-in-failed': 'Failed sign-in',
  'sign-in-throttled': 'Sign-ins slowed down',
  'sign-out': 'Sign-out',
  reauthenticated: 'Password confirmed',
  'reauth-failed': 'Wrong password to confirm',
  'session-revoked': 'Device signed out',
  'sessions-revoked': 'Devices signed out',
  'session-renamed': 'Device renamed',
  'password-changed': 'Password changed',
  'role-changed': 'Role changed',
  'user-disabled': 'Account disabled',
  'user-enabled': 'Account enabled',
  'session-cap-evicted': 'Too many devices',
  'suspected-theft': 'Suspected stolen session',
  'admin-revoked-everyone': 'Everyone signed out',
  'admin-revoked-by-rule': 'Signed out by rule',
  'sign-in-not-me': 'Sign-in reported as not them',
  'password-reset-requested': 'Password reset asked for',
  'password-reset': 'Password reset',
  'email-change-requested': 'Email change asked for',
  'email-changed': 'Email changed',
  'name-changed': 'Name changed',
  'mail-preferences-changed': 'Email alert choices changed',
  'access-refused': 'Requests refused',
}

const plural = (count: unknown, word: string) => `${Number(count) || 0} ${word}${Number(count) === 1 ? '' : 's'}`
const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`)

/** An event as an administrator reads it; `person` is the target user's name (or email). */
export function describeEventForAdmin(event: EventLike, person: string | null): string {
  const who = person ?? 'Someone'
  const whose = person ? possessive(person) : 'a'
  const details = eventDetails(event.details)
  const byAdmin =
    details.by === 'admin' ||
    (event.actorId !== null &&
      event.targetUserId != null &&
      event.actorId !== event.targetUserId &&
      details.by !== 'user')
  const on = event.device ? ` on ${event.device}` : ''
  switch (event.type) {
    case 'signup':
      return `${who} created an account`
    case 'sign-in':
      return `${who} signed in${on}`
    case 'sign-in-failed':
      return details.why === 'disabled'
        ? `${who} was refused: the account is disabled`
        : `Failed sign-in attempt for ${person ?? String(details.email ?? 'an unknown email')}${on}`
    case 'sign-in-throttled':
      return `Sign-ins for ${person ?? 'an account'} slowed down after repeated failures`
    case 'sign-out':
      return `${who} signed out${on}`
    case 'reauth-failed':
      return `${who} gave a wrong password to confirm a sensitive action${on}`
    case 'reauthenticated':
      return `${who} confirmed their password${on}`
    case 'session-revoked':
      return byAdmin
        ? `An administrator signed out ${whose} ${String(details.revoked ?? 'device')}`
        : `${who} signed out ${String(details.revoked ?? 'a device')}${event.device ? ` from ${event.device}` : ''}`
    case 'sessions-revoked':
      if (byAdmin) return `An administrator signed out ${plural(details.count, 'device')} of ${possessive(who)}`
      return details.scope === 'all'
        ? `${who} signed out everywhere (${plural(details.count, 'device')})`
        : `${who} signed out ${plural(details.count, 'other device')}`
    case 'session-renamed':
      return `${who} renamed a device to “${String(details.label ?? '')}”`
    case 'password-changed':
      return byAdmin ? `An administrator changed ${whose} password` : `${who} changed their password${on}`
    case 'role-changed':
      return `An administrator changed ${whose} role to ${String(details.role ?? 'another role')}`
    case 'user-disabled':
      return `An administrator disabled ${whose} account`
    case 'user-enabled':
      return `An administrator enabled ${whose} account`
    case 'session-cap-evicted':
      return `Signed out ${plural(Array.isArray(details.ended) ? details.ended.length : 0, 'device')} of ${possessive(who)}: too many devices signed in`
    case 'suspected-theft':
      return `Signed out ${whose} ${event.device ?? 'device'}: its session was used from ${String(details.seenFrom ?? 'another browser')}`
    case 'admin-revoked-everyone':
      return 'An administrator signed everyone out'
    case 'admin-revoked-by-rule':
      return 'An administrator signed out sessions matching a rule'
    default:
      return eventTypeNames[event.type] ?? event.type
  }
}
