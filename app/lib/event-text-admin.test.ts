import { describe, expect, test } from 'vitest'
import { describeEventForAdmin, eventTypeNames } from './event-text-admin.ts'
import { eventTypes } from '~/models/security-event.server.ts'

const event = (type: string, extra: Record<string, unknown> = {}, details: Record<string, unknown> = {}) => ({
  type,
  actorId: 'dana',
  targetUserId: 'dana',
  device: null,
  details: JSON.stringify(details),
  ...extra,
})

describe('describeEventForAdmin', () => {
  test('speaks of the administrator in the third person', () => {
    expect(describeEventForAdmin(event('user-enabled', { actorId: 'ada' }), 'Dana')).toBe(
      'An administrator enabled Dana’s account',
    )
    expect(describeEventForAdmin(event('role-changed', { actorId: 'ada' }, { role: 'admin' }), 'Dana')).toBe(
      'An administrator changed Dana’s role to admin',
    )
  })
  test("names the person for the person's own actions, never “you”", () => {
    const revoked = event(
      'session-revoked',
      { device: 'Firefox 133 on Linux' },
      { by: 'user', revoked: 'Chrome on Pixel 8' },
    )
    expect(describeEventForAdmin(revoked, 'Dana')).toBe('Dana signed out Chrome on Pixel 8 from Firefox 133 on Linux')
    expect(describeEventForAdmin(event('sessions-revoked', {}, { scope: 'all', count: 3 }), 'Dana')).toBe(
      'Dana signed out everywhere (3 devices)',
    )
    for (const type of eventTypes) expect(describeEventForAdmin(event(type), 'Dana')).not.toMatch(/\byou(r)?\b/i)
  })
  test('every event type has words for the filter', () => {
    for (const type of eventTypes) expect(eventTypeNames[type], type).toMatch(/^[A-Z][a-z]/)
  })
})
