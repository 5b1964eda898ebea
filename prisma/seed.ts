// Demo data for a new, empty database: an admin, a demo user with several devices, and
// enough other people that the admin console looks alive. `npm start` runs it when the
// database has no users; `npm run db:seed` runs it on demand (skipping if not empty).
import { randomBytes } from 'node:crypto'
import { createDb } from '../app/db.server.ts'
import { hashPassword } from '../app/models/password.server.ts'
import { locateIp } from '../app/lib/geo/geoip.server.ts'
import { deviceLabel, parseDevice } from '../app/session/device.ts'
import { generatePublicId, hashSessionToken } from '../app/session/token.server.ts'

export const demoAccounts = [
  { email: 'admin@example.com', password: 'doorman-admin', name: 'Ada Admin', role: 'admin' },
  { email: 'demo@example.com', password: 'doorman-demo', name: 'Dana Demo', role: 'user' },
] as const

const agents = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  edgeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  chromePixel:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
}
const hints = {
  chromeWindows: {
    brands: '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    platform: '"Windows"',
    platformVersion: '"15.0.0"',
  },
  edgeMac: {
    brands: '"Microsoft Edge";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    platform: '"macOS"',
    platformVersion: '"14.5.0"',
  },
  chromePixel: {
    brands: '"Google Chrome";v="131", "Chromium";v="131"',
    platform: '"Android"',
    model: '"Pixel 8"',
    mobile: '?1',
    platformVersion: '"14.0.0"',
  },
} as Record<string, Record<string, string>>

const minute = 60_000
const day = 24 * 60 * minute

type Db = ReturnType<typeof createDb>

function sessionRow(
  userId: string,
  agent: keyof typeof agents,
  ip: string,
  createdAgo: number,
  activeAgo: number,
  now: number,
) {
  const createdAt = new Date(now - createdAgo)
  const lastActiveAt = new Date(now - activeAgo)
  return {
    id: generatePublicId(),
    // A token nobody holds: seeded devices show up in lists but cannot be signed in with.
    tokenHash: hashSessionToken(randomBytes(32).toString('base64url')),
    userId,
    persistent: true,
    createdAt,
    lastActiveAt,
    idleExpiresAt: new Date(lastActiveAt.getTime() + 7 * day),
    absoluteExpiresAt: new Date(createdAt.getTime() + 30 * day),
    signInIp: ip,
    lastIp: ip,
    signInLocation: locateIp(ip),
    lastLocation: locateIp(ip),
    ...parseDevice(agents[agent], hints[agent] ?? null),
  }
}

// Public addresses whose country the bundled DB-IP data knows (checked in the file), so the
// demo shows places. Documentation ranges (192.0.2.0/24…) would all read "Unknown".
const HOME = '193.99.144.80' // Germany
const PHONE = '52.58.0.1' // Germany (mobile network)
const OFFICE = '81.2.69.142' // United Kingdom
const ATTACKER = '77.88.55.60' // Russia
const pool = ['91.198.174.192', '62.138.0.1', '45.33.32.156', '133.242.0.3', '200.160.2.3', '212.58.244.20']

async function seed(db: Db) {
  const now = Date.now()
  const users = []
  for (const account of demoAccounts) {
    users.push(
      await db.user.create({
        data: {
          id: randomBytes(12).toString('base64url'),
          email: account.email,
          name: account.name,
          role: account.role,
          passwordHash: await hashPassword(account.password),
          createdAt: new Date(now - 40 * day),
        },
      }),
    )
  }
  const [admin, demo] = users as [(typeof users)[0], (typeof users)[0]]
  const demoDevices = [
    sessionRow(demo.id, 'chromeWindows', HOME, 3 * day, 2 * minute, now),
    sessionRow(demo.id, 'safariIphone', PHONE, 12 * day, 3 * 60 * minute, now),
    sessionRow(demo.id, 'firefoxLinux', OFFICE, 20 * day, 2 * day, now),
    sessionRow(demo.id, 'chromePixel', PHONE, 6 * day, 5 * 60 * minute, now),
  ]
  await db.session.createMany({
    data: [...demoDevices, sessionRow(admin.id, 'edgeMac', OFFICE, 1 * day, 30 * minute, now)],
  })
  const ended = sessionRow(demo.id, 'safariIpad', HOME, 25 * day, 9 * day, now)
  await db.session.create({ data: { ...ended, endedAt: new Date(now - 2 * day), endReason: 'idle-expiry' } })
  const revoked = sessionRow(demo.id, 'edgeMac', OFFICE, 15 * day, 5 * day, now)
  await db.session.create({
    data: {
      ...revoked,
      endedAt: new Date(now - 4 * day),
      endReason: 'revoked-by-user',
      endedById: demo.id,
      endedByLabel: 'Chrome 131 on Windows 11',
    },
  })

  const others = ['grace', 'linus', 'margaret', 'alan', 'barbara', 'dennis', 'katherine', 'tim', 'radia', 'ken']
  const passwordHash = await hashPassword(randomBytes(18).toString('base64url'))
  const agentNames = Object.keys(agents) as Array<keyof typeof agents>
  for (const [index, name] of others.entries()) {
    const user = await db.user.create({
      data: {
        id: randomBytes(12).toString('base64url'),
        email: `${name}@example.com`,
        name: name[0]!.toUpperCase() + name.slice(1),
        passwordHash,
        createdAt: new Date(now - (index + 2) * 3 * day),
        disabledAt: name === 'tim' ? new Date(now - day) : null,
      },
    })
    if (name === 'tim') continue
    const count = 1 + (index % 3)
    await db.session.createMany({
      data: Array.from({ length: count }, (_, n) =>
        sessionRow(
          user.id,
          agentNames[(index + n) % agentNames.length]!,
          pool[(index + n) % pool.length]!,
          (n + 1) * 2 * day,
          ((index * 7 + n * 13) % 48) * 60 * minute,
          now,
        ),
      ),
    })
  }

  // The demo user's activity tells the story of her devices: one sign-in per device, when
  // and where it signed in, the Edge session she signed out from her Windows PC, one typo of
  // her own, and a burst of failed guesses from an address that is not hers.
  const label = (row: ReturnType<typeof sessionRow>) => deviceLabel(row)
  const at = (ago: number) => new Date(now - ago)
  const events: Array<Record<string, unknown> & { createdAt: Date; type: string }> = []
  for (const row of [...demoDevices, ended, revoked])
    events.push({
      type: 'sign-in',
      actorId: demo.id,
      targetUserId: demo.id,
      sessionId: row.id,
      ip: row.signInIp,
      device: label(row),
      details: JSON.stringify({ location: row.signInLocation }),
      createdAt: row.createdAt,
    })
  const pixel = demoDevices[3]!
  events.push({
    type: 'sign-in-failed',
    targetUserId: demo.id,
    ip: pixel.signInIp,
    device: label(pixel),
    details: JSON.stringify({ email: demo.email, why: 'wrong-credentials', location: pixel.signInLocation }),
    createdAt: new Date(pixel.createdAt.getTime() - 2 * minute),
  })
  for (let n = 0; n < 4; n++)
    events.push({
      type: 'sign-in-failed',
      targetUserId: demo.id,
      ip: ATTACKER,
      device: 'Chrome 131 on Windows',
      details: JSON.stringify({ email: demo.email, why: 'wrong-credentials', location: locateIp(ATTACKER) }),
      createdAt: at(2 * day + 3 * 60 * minute - n * minute),
    })
  const windows = demoDevices[0]!
  events.push({
    type: 'session-revoked',
    actorId: demo.id,
    targetUserId: demo.id,
    sessionId: revoked.id,
    ip: windows.signInIp,
    device: label(windows),
    details: JSON.stringify({ scope: 'one', by: 'user', count: 1, revoked: label(revoked) }),
    createdAt: at(4 * day),
  })
  // The admin console's charts count sign-ins of everyone over 14 days.
  for (let daysAgo = 13; daysAgo >= 0; daysAgo--)
    for (let n = 0; n < 2 + ((daysAgo * 5) % 7); n++)
      events.push({
        type: 'sign-in',
        actorId: admin.id,
        targetUserId: admin.id,
        ip: OFFICE,
        device: 'Edge 131 on macOS 14.5',
        details: JSON.stringify({ location: locateIp(OFFICE) }),
        createdAt: at(daysAgo * day + n * 37 * minute),
      })
  // Insert oldest first, so that ids (the activity list's order) follow time.
  events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  await db.securityEvent.createMany({ data: events })
}

/** Seeds when the database has no users. Returns the demo sign-ins when they exist. */
export async function seedIfEmpty(url: string) {
  const db = createDb(url)
  try {
    if ((await db.user.count()) === 0) await seed(db)
    const present = await db.user.count({ where: { email: { in: demoAccounts.map((account) => account.email) } } })
    return present > 0 ? demoAccounts : null
  } finally {
    await db.$disconnect()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { env } = await import('../app/env.server.ts')
  await seedIfEmpty(env().DATABASE_URL)
  console.log('Seed done.')
}
