// `npm run user -- <command> [options]`: manage accounts from the command line, e.g. to
// create the first administrator of a real install. Run with --help for the list.
import { parseArgs } from 'node:util'
import { prepareDatabase } from './migrate.ts'
import { readPassword } from './read-password.ts'

const help = `Usage: npm run user -- <command> [options]

Commands:
  create --email E [--name N] [--admin] [--password-stdin]   create a user (prompts for the password)
  promote --email E          make an administrator (ends their sessions)
  demote --email E           make a regular user (ends their sessions)
  disable --email E          disable and sign out everywhere
  enable --email E           allow signing in again
  revoke --email E           sign the user out everywhere
  revoke-everyone            sign every user out everywhere
  list                       list users with their role, status and active sessions

promote, demote, disable, enable, revoke and revoke-everyone queue a mail to each person
they affect; a running server sends it within a minute. Its links use PUBLIC_ORIGIN (else
PORT and HOST), so give this command the server's settings.`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean', default: false },
    'password-stdin': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

const command = positionals[0]
if (values.help || !command) {
  console.log(help)
  process.exit(command || values.help ? 0 : 1)
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

await prepareDatabase()
const { db } = await import('../../app/db.server.ts')
const { createUser, EmailTakenError, findUserByEmail } = await import('../../app/models/user.server.ts')
const { commandLineActor: cli } = await import('../../app/models/admin/actor.server.ts')
const { revokeUserSessions, setDisabled, setRole, signOutEveryone } =
  await import('../../app/unit-of-work/admin.server.ts')
const { newPasswordField } = await import('../../app/lib/validation.ts')
const { weakPasswordReason } = await import('../../app/models/password-strength.server.ts')

/** Prints what the admin function says; a refusal (say, the last admin) fails the command. */
function report(result: { ok: boolean; message: string }) {
  if (!result.ok) fail(result.message)
  console.log(result.message)
}

async function target() {
  if (!values.email) fail(`${command} needs --email`)
  return (await findUserByEmail(values.email)) ?? fail(`No user with the email ${values.email}`)
}

try {
  switch (command) {
    case 'create': {
      if (!values.email) fail('create needs --email')
      const password = await readPassword(values['password-stdin'])
      const checked = newPasswordField.safeParse(password)
      if (!checked.success) fail(checked.error.issues[0]!.message)
      const weak = await weakPasswordReason(password, [values.email, values.name ?? ''])
      if (weak) fail(weak)
      const user = await createUser({
        email: values.email,
        password,
        name: values.name,
        role: values.admin ? 'admin' : 'user',
      })
      console.log(`Created ${user.role} ${user.email}`)
      break
    }
    case 'promote':
    case 'demote': {
      report(await setRole(cli, (await target()).id, command === 'promote' ? 'admin' : 'user'))
      break
    }
    case 'disable':
    case 'enable': {
      report(await setDisabled(cli, (await target()).id, command === 'disable'))
      break
    }
    case 'revoke':
      report(await revokeUserSessions(cli, (await target()).id))
      break
    case 'revoke-everyone': {
      const { count, users } = await signOutEveryone(cli, {
        onProgress: (progress) => process.stdout.isTTY && process.stdout.write(`\rsigned out ${progress.count}`),
      })
      if (process.stdout.isTTY) process.stdout.write('\n')
      console.log(`Signed out ${count} session(s) of ${users} user(s)`)
      break
    }
    case 'list': {
      const now = new Date()
      const users = await db.user.findMany({
        orderBy: { email: 'asc' },
        include: {
          _count: {
            select: {
              sessions: { where: { endedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } } },
            },
          },
        },
      })
      for (const user of users)
        console.log(
          `${user.email}\t${user.role}\t${user.disabledAt ? 'disabled' : 'active'}\t${user._count.sessions} session(s)`,
        )
      break
    }
    default:
      fail(`Unknown command ${command}.\n\n${help}`)
  }
} catch (error) {
  if (error instanceof EmailTakenError) fail(`A user with the email ${values.email} already exists`)
  // The database layer answers "unavailable" (busy, missing…) with a 503 Response: its text is the one line.
  if (error instanceof Response) fail(await error.text())
  throw error
} finally {
  await db.$disconnect()
}
