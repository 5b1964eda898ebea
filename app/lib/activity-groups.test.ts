import { describe, expect, test } from 'vitest'
import { describeEvent } from '~/lib/event-text.ts'
import { activityKindOf, groupActivity as group, type ActivityEvent } from './activity-groups.ts'

const groupActivity = (events: ActivityEvent[], viewer: string, kind?: Parameters<typeof group>[2]) =>
  group(events, (event) => describeEvent(event, viewer), kind)

let id = 100
const event = (type: string, minutesAgo: number, extra: Partial<ActivityEvent> = {}): ActivityEvent => ({
  id: id--,
  createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000),
  type,
  actorId: 'u1',
  ip: '193.99.144.80',
  device: 'Chrome 131 on Windows 11',
  details: JSON.stringify({ location: 'Germany' }),
  ...extra,
})

describe('groupActivity', () => {
  test('repeated events in a row become one group with a count and a time span', () => {
    const events = [
      event('sign-in-failed', 1),
      event('sign-in-failed', 2),
      event('sign-in-failed', 3),
      event('sign-in', 10),
    ]
    const groups = groupActivity(events, 'u1')
    expect(groups.map((group) => [group.text, group.count, group.failed])).toEqual([
      ['Failed sign-in attempt on Chrome 131 on Windows 11', 3, true],
      ['Signed in on Chrome 131 on Windows 11', 1, false],
    ])
    expect(groups[0]!.earliest.getTime()).toBeLessThan(groups[0]!.latest.getTime())
    expect(groups[0]!.location).toBe('Germany')
  })

  test('the same words from another address stay apart', () => {
    const groups = groupActivity([event('sign-in-failed', 1), event('sign-in-failed', 2, { ip: '81.2.69.142' })], 'u1')
    expect(groups).toHaveLength(2)
  })

  test('a kind filter keeps only its events', () => {
    const events = [event('sign-in-failed', 1), event('sign-in', 2), event('password-changed', 3)]
    expect(groupActivity(events, 'u1', 'failed').map((group) => group.text)).toEqual([
      'Failed sign-in attempt on Chrome 131 on Windows 11',
    ])
    expect(groupActivity(events, 'u1', 'account')).toHaveLength(1)
    expect(groupActivity(events, 'u1', 'all')).toHaveLength(3)
  })

  test('an unknown kind (or "constructor") means all', () => {
    expect(activityKindOf('constructor')).toBe('all')
    expect(activityKindOf(null)).toBe('all')
    expect(activityKindOf('failed')).toBe('failed')
  })
})
