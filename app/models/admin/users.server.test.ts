import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { parseUserQuery, type UserQuery } from '~/lib/admin/user-query.ts'
import { listUsers } from '~/models/admin/users.server.ts'
import { makeSession, uniqueWord } from '~/models/admin/test-fixtures.server.ts'
import { createUser } from '~/models/user.server.ts'

const MINUTE = 60_000

describe('the user list', async () => {
  // Every user here shares a unique word in their name, so a search isolates them.
  const tag = uniqueWord('tag')
  const now = new Date()
  const make = async (name: string, options: { role?: 'admin'; disabled?: boolean; createdAgo: number }) => {
    const user = await createUser({
      email: `${name}-${tag}@example.com`,
      password: 'correct horse battery',
      name: `${name} ${tag}`,
      role: options.role,
    })
    await db.user.update({
      where: { id: user.id },
      data: { createdAt: new Date(now.getTime() - options.createdAgo), disabledAt: options.disabled ? now : null },
    })
    return user
  }
  const ann = await make('ann', { createdAgo: 3 * MINUTE })
  const bob = await make('bob', { role: 'admin', createdAgo: 2 * MINUTE })
  await make('cat', { disabled: true, createdAgo: MINUTE })
  const dan = await make('dan', { createdAgo: 4 * MINUTE })
  // Ann: 1 active session, active 5 minutes ago. Bob: 3 active, 30 minutes ago. Dan: only an ended one, 1 minute ago.
  await makeSession(ann.id, { now, activeAgo: 5 * MINUTE })
  for (let n = 0; n < 3; n++) await makeSession(bob.id, { now, activeAgo: 30 * MINUTE })
  await makeSession(dan.id, { now, activeAgo: MINUTE, ended: true })

  const list = async (params: Record<string, string>) => {
    const query: UserQuery = parseUserQuery(new URLSearchParams({ q: tag, ...params }))
    return listUsers(query, now)
  }
  const emails = async (params: Record<string, string>) =>
    (await list(params)).users.map((user) => user.email.split('-')[0])

  test('search by email or name, with each row’s figures', async () => {
    const result = await list({ sort: 'created' })
    expect(result.total).toBe(4)
    expect(
      result.users.map((user) => [user.email.split('-')[0], user.activeSessions, user.role, Boolean(user.disabledAt)]),
    ).toEqual([
      ['cat', 0, 'user', true],
      ['bob', 3, 'admin', false],
      ['ann', 1, 'user', false],
      ['dan', 0, 'user', false],
    ])
    expect((await list({ q: `ann-${tag}@EXAMPLE` })).total).toBe(1)
    expect((await list({ q: `%` })).total).toBe(0)
  })

  test('sorts: last active, then most active sessions', async () => {
    expect(await emails({})).toEqual(['dan', 'ann', 'bob', 'cat'])
    // Ties (no active sessions) fall back to the id order, which is arbitrary.
    const bySessions = await emails({ sort: 'sessions' })
    expect(bySessions.slice(0, 2)).toEqual(['bob', 'ann'])
    expect(bySessions.slice(2).sort()).toEqual(['cat', 'dan'])
  })

  test('filters: role, disabled, has active sessions', async () => {
    expect(await emails({ role: 'admin' })).toEqual(['bob'])
    expect(await emails({ disabled: 'yes' })).toEqual(['cat'])
    expect(await emails({ disabled: 'no', sort: 'created' })).toEqual(['bob', 'ann', 'dan'])
    expect(await emails({ sessions: 'with', sort: 'created' })).toEqual(['bob', 'ann'])
    expect(await emails({ sessions: 'without', sort: 'created' })).toEqual(['cat', 'dan'])
  })

  test('pages of 25; a page past the end shows the last one', async () => {
    const query = parseUserQuery(new URLSearchParams({ q: tag, page: '9' }))
    expect(query.page).toBe(9)
    const result = await listUsers(query, now)
    expect({ page: result.page, pageCount: result.pageCount, rows: result.users.length }).toEqual({
      page: 1,
      pageCount: 1,
      rows: 4,
    })
  })

  test('bad query values fall back to defaults', () => {
    expect(parseUserQuery(new URLSearchParams({ sort: 'evil', page: '-3', role: 'root' }))).toMatchObject({
      sort: 'last-active',
      page: 1,
      role: '',
    })
  })
})
