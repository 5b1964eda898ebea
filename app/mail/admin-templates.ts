import { mailTime, signature, type Mail } from '~/mail/templates.ts'

// What an administrator's actions mail the person they affect (templates.ts has the rest).
// People are never told which administrator: the console keeps that in the audit log.

export type AdminAction = 'signed-out' | 'disabled' | 'enabled'

/** What an administrator's sign-out ended: one named device, or a number of them. */
/** One named device, a number of them, or (null: a bulk job still counting) "your devices". */
export type SignedOutWhat = { device: string } | { count: number | null }

const signedOutOf = (what: SignedOutWhat) =>
  'device' in what
    ? what.device
    : what.count === null
      ? 'your devices'
      : what.count === 1
        ? 'one device'
        : `${what.count} devices`

export function adminSignedOutMail(what: SignedOutWhat, facts: { at: Date; login: string }): Mail {
  return {
    subject: `An administrator signed you out of ${signedOutOf(what)}`,
    text: `An administrator signed you out of ${signedOutOf(what)} on your Doorman account on ${mailTime(facts.at)}.
Your password is unchanged. Sign in again where you need to:
${facts.login}${signature}`,
  }
}

export function adminActionMail(action: Exclude<AdminAction, 'signed-out'>, facts: { at: Date; login: string }): Mail {
  const when = mailTime(facts.at)
  switch (action) {
    case 'disabled':
      return {
        subject: 'Your Doorman account was disabled',
        text: `An administrator disabled your Doorman account on ${when} and every device was signed out.
Contact your administrator if you think this is a mistake.${signature}`,
      }
    case 'enabled':
      return {
        subject: 'Your Doorman account was re-enabled',
        text: `An administrator enabled your Doorman account again on ${when}. You can sign in:
${facts.login}${signature}`,
      }
  }
}

const roleNames: Record<string, string> = { admin: 'administrator', user: 'regular user' }

export function roleChangedMail(facts: { role: string; at: Date; login: string }): Mail {
  const role = roleNames[facts.role] ?? facts.role
  const what =
    facts.role === 'admin'
      ? 'You can now see and sign out everyone’s sessions in the admin console.'
      : 'You no longer have access to the admin console.'
  return {
    subject: `Your Doorman role changed to ${role}`,
    text: `An administrator changed the role of your Doorman account to ${role} on ${mailTime(facts.at)}.
${what} Every device was signed out, so that the new role applies from a fresh sign-in:
${facts.login}

If you did not expect this, tell your administrators at once.${signature}`,
  }
}
