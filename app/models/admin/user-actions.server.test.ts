import { describe, expect, test } from 'vitest'
import { db } from '~/db.server.ts'
import { describeEvent } from '~/lib/event-text.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import * as sessions from '~/models/admin/user-sessions.server.ts'
import * as status from '~/models/admin/user-status.server.ts'
import { actorFor, makeSession } from '~/models/admin/test-fixtures.server.ts'
import { listEventsForUser } from '~/models/security-event.server.ts'
import { makeUser } from '../../../tests/setup/factories.ts'

// The model functions run in their caller's transaction; here, one of their own.
const inTransaction =
  <A extends unknown[], R>(fn: (tx: Prisma.TransactionClient, ...args: A) => Promise<R>) =>
  (...args: A) =>
    db.$transaction((tx) => fn(tx, ...args))
const adminRevokeSession = inTransaction(sessions.adminRevokeSession)
const adminRevokeAll = inTransaction(sessions.adminRevokeAll)
const setUserDisabled = inTransaction(status.setUserDisabled)
const setUserRole = inTransaction(status.setUserRole)

const now = () => new Date()
const sessionRow = (id: string) =>
  db.session.findUniqueOrThrow({
    where: { id },
    select: { endedAt: true, endReason: true, endedById: true, endedByLabel: true },
  })

describe('signing out a user’s sessions', () => {
  test('one session: ended by the admin, and the user’s activity says so', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const [first, second] = [
      await makeSession(user.id, { now: now() }),
      await makeSession(user.id, { now: now(), agent: 'firefoxLinux' }),
    ]
    const result = await adminRevokeSession(actorFor(admin), user.id, second.id)
    expect(result).toEqual({ ok: true, message: 'Signed out Firefox 133 on Linux.', endedOwnSession: false })
    expect(await sessionRow(second.id)).toMatchObject({
      endReason: 'revoked-by-admin',
      endedById: admin.id,
      endedByLabel: 'An administrator',
    })
    expect((await sessionRow(first.id)).endedAt).toBeNull()

    const { events } = await listEventsForUser(db, user.id)
    const event = events.find((candidate) => candidate.type === 'session-revoked')!
    expect(event).toMatchObject({ actorId: admin.id, ip: '203.0.113.200' })
    expect(JSON.parse(event.details!)).toEqual({ by: 'admin', scope: 'one', count: 1, revoked: 'Firefox 133 on Linux' })
    expect(describeEvent(event, user.id)).toBe('An administrator signed out Firefox 133 on Linux')
  })

  test('a session of another user is a 404 and nothing changes', async () => {
    const [admin, user, stranger] = await Promise.all([makeUser({ role: 'admin' }), makeUser(), makeUser()])
    const theirs = await makeSession(stranger.id, { now: now() })
    const result = await adminRevokeSession(actorFor(admin), user.id, theirs.id)
    expect(result).toMatchObject({ ok: false, status: 404, message: expect.stringContaining('No such session') })
    expect((await sessionRow(theirs.id)).endedAt).toBeNull()
    expect(await db.securityEvent.count({ where: { actorId: admin.id, type: { not: 'signup' } } })).toBe(0)
  })

  test('an ended or made-up session id is a 404 too', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const ended = await makeSession(user.id, { now: now(), ended: true })
    expect(await adminRevokeSession(actorFor(admin), user.id, ended.id)).toMatchObject({ ok: false, status: 404 })
    expect(await adminRevokeSession(actorFor(admin), user.id, 'made-up')).toMatchObject({ ok: false, status: 404 })
  })

  test('all sessions: one event with the count; the admin’s own account ends their session too', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    await Promise.all([makeSession(user.id, { now: now() }), makeSession(user.id, { now: now() })])
    expect(await adminRevokeAll(actorFor(admin), user.id)).toEqual({
      ok: true,
      message: 'Signed out 2 sessions.',
      endedOwnSession: false,
    })
    expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0)
    const event = await db.securityEvent.findFirstOrThrow({
      where: { type: 'sessions-revoked', targetUserId: user.id },
    })
    expect(event.actorId).toBe(admin.id)
    expect(describeEvent(event, user.id)).toBe('An administrator signed out 2 devices')

    const mine = await makeSession(admin.id, { now: now() })
    expect(await adminRevokeAll(actorFor(admin, mine.id), admin.id)).toMatchObject({ ok: true, endedOwnSession: true })
  })
})

describe('disable, enable and role, with the last-admin guard', () => {
  test('disabling ends every session with reason user-disabled; enabling lets them back', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const session = await makeSession(user.id, { now: now() })
    expect(await setUserDisabled(actorFor(admin), user.id, true)).toMatchObject({
      ok: true,
      message: expect.stringContaining('signed out 1 session'),
    })
    expect(await sessionRow(session.id)).toMatchObject({ endReason: 'user-disabled', endedById: admin.id })
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull()
    expect(await setUserDisabled(actorFor(admin), user.id, false)).toMatchObject({ ok: true })
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull()
    const types = (
      await db.securityEvent.findMany({ where: { targetUserId: user.id, actorId: admin.id }, orderBy: { id: 'asc' } })
    ).map((event) => event.type)
    expect(types).toEqual(['user-disabled', 'user-enabled'])
  })

  test('a role change ends the sessions with reason role-change and records the new role', async () => {
    const [admin, user] = await Promise.all([makeUser({ role: 'admin' }), makeUser()])
    const session = await makeSession(user.id, { now: now() })
    expect(await setUserRole(actorFor(admin), user.id, 'admin')).toMatchObject({ ok: true })
    expect(await sessionRow(session.id)).toMatchObject({ endReason: 'role-change', endedById: admin.id })
    const event = await db.securityEvent.findFirstOrThrow({ where: { type: 'role-changed', targetUserId: user.id } })
    expect(event.actorId).toBe(admin.id)
    expect(JSON.parse(event.details!)).toMatchObject({ by: 'admin', role: 'admin', from: 'user' })
  })

  test('the last active admin can be neither demoted nor disabled: 409 and nothing changes', async () => {
    // This file's database has other admins; make this one the only active one for the test.
    const admin = await makeUser({ role: 'admin' })
    const others = await db.user.findMany({
      where: { role: 'admin', disabledAt: null, id: { not: admin.id } },
      select: { id: true },
    })
    await db.user.updateMany({
      where: { id: { in: others.map((other) => other.id) } },
      data: { disabledAt: new Date() },
    })
    try {
      const session = await makeSession(admin.id, { now: now() })
      for (const attempt of [
        () => setUserRole(actorFor(admin), admin.id, 'user'),
        () => setUserDisabled(actorFor(admin), admin.id, true),
      ]) {
        expect(await attempt()).toMatchObject({
          ok: false,
          status: 409,
          message: expect.stringContaining('last active administrator'),
        })
      }
      expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
        role: 'admin',
        disabledAt: null,
      })
      expect((await sessionRow(session.id)).endedAt).toBeNull()
      expect(await db.securityEvent.count({ where: { actorId: admin.id, type: { not: 'signup' } } })).toBe(0)

      // With a second active admin, the first may step down.
      const second = await makeUser({ role: 'admin' })
      expect(await setUserRole(actorFor(second), admin.id, 'user')).toMatchObject({ ok: true, endedOwnSession: false })
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { disabledAt: null } })
    }
  })
})
