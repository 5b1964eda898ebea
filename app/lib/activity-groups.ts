import { eventLocation } from '~/lib/event-text.ts'

// Recent activity as people scan it: repeats folded into one line, failures marked, and a
// filter by kind (a URL parameter, so it works without JavaScript).

export type ActivityEvent = {
  id: number
  createdAt: Date
  type: string
  actorId: string | null
  ip: string | null
  device: string | null
  details: string | null
}

export const activityKinds = {
  all: { label: 'All', types: null },
  'sign-ins': { label: 'Sign-ins', types: ['sign-in', 'signup', 'reauthenticated'] },
  failed: {
    label: 'Failed attempts',
    types: ['sign-in-failed', 'sign-in-throttled', 'reauth-failed', 'suspected-theft'],
  },
  'sign-outs': {
    label: 'Sign-outs',
    types: [
      'sign-out',
      'session-revoked',
      'sessions-revoked',
      'session-cap-evicted',
      'admin-revoked-everyone',
      'admin-revoked-by-rule',
    ],
  },
  account: {
    label: 'Account changes',
    types: ['password-changed', 'role-changed', 'user-disabled', 'user-enabled', 'session-renamed'],
  },
} as const satisfies Record<string, { label: string; types: readonly string[] | null }>

export type ActivityKind = keyof typeof activityKinds

export const activityKindOf = (value: string | null): ActivityKind =>
  value !== null && Object.hasOwn(activityKinds, value) ? (value as ActivityKind) : 'all'

const FAILED = new Set<string>(activityKinds.failed.types)
export const isFailure = (type: string) => FAILED.has(type)

export type ActivityGroup = {
  key: number
  text: string
  failed: boolean
  count: number
  latest: Date
  earliest: Date
  ip: string | null
  location: string | null
}

/** Consecutive events that read the same (same words, same IP) become one group, newest first. */
export function groupActivity(
  events: ActivityEvent[],
  describe: (event: ActivityEvent) => string,
  kind: ActivityKind = 'all',
): ActivityGroup[] {
  const types: readonly string[] | null = activityKinds[kind].types
  const groups: ActivityGroup[] = []
  for (const event of events) {
    if (types && !types.includes(event.type)) continue
    const text = describe(event)
    const location = eventLocation(event.details)
    const last = groups.at(-1)
    if (last && last.text === text && last.ip === event.ip && last.location === location) {
      last.count++
      last.earliest = event.createdAt
      continue
    }
    groups.push({
      key: event.id,
      text,
      failed: isFailure(event.type),
      count: 1,
      latest: event.createdAt,
      earliest: event.createdAt,
      ip: event.ip,
      location,
    })
  }
  return groups
}
