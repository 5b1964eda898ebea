// What each mail says. Plain text: it reads the same in every mail program and carries
// no remote images or tracking. Every link is absolute, on the public origin.

export type Mail = { subject: string; text: string }

export const signature = '\n\n— Doorman\nYou get this email because it is about your Doorman account.'

/** "Tue, 1 Dec 2026, 15:40 UTC": mail has no time zone of its reader. */
export function mailTime(at: Date) {
  return `${at.toLocaleString('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })} UTC`
}

export type SignInFacts = { device: string; where: string; at: Date }

export function newSignInMail(
  facts: SignInFacts,
  links: { devices: string; notMe: string; expiresHours: number },
): Mail {
  return {
    subject: `New sign-in to your Doorman account: ${facts.device}`,
    text: `Your Doorman account was just signed in to from a browser and place it has not used recently.

  What:  ${facts.device}
  Where: ${facts.where}
  When:  ${mailTime(facts.at)}

Yes, it was me: nothing to do. You can also confirm it on Your devices:
${links.devices}

No, secure my account: this link signs that device out at once and helps you choose a new
password (it works once, for ${links.expiresHours} hours, without signing in):
${links.notMe}${signature}`,
  }
}

export function passwordChangedMail(facts: { at: Date; how: 'changed' | 'reset'; forgot: string }): Mail {
  return {
    subject: facts.how === 'reset' ? 'Your Doorman password was reset' : 'Your Doorman password was changed',
    text: `The password of your Doorman account was ${facts.how} on ${mailTime(facts.at)}.${
      facts.how === 'reset' ? ' Every device was signed out.' : ''
    }

If this was you, there is nothing to do. If it was not, choose a new password now:
${facts.forgot}${signature}`,
  }
}

export function passwordResetMail(link: string, minutes: number): Mail {
  return {
    subject: 'Reset your Doorman password',
    text: `Someone (we hope you) asked to reset the password of your Doorman account.
Choose a new password here; the link works once, for ${minutes} minutes:
${link}

If you did not ask, ignore this email: your password stays as it is.${signature}`,
  }
}

export function notMeDoneMail(facts: { device: string; at: Date; forgot: string }): Mail {
  return {
    subject: `We signed ${facts.device} out of your Doorman account`,
    text: `On ${mailTime(facts.at)} the “Not you?” link in our email signed ${facts.device} out of your Doorman account.
Whoever used it may know your password. If you have not chosen a new one yet, do it now:
${facts.forgot}${signature}`,
  }
}

export function failedSignInsMail(facts: { count: number; minutes: number; forgot: string }): Mail {
  return {
    subject: 'Failed sign-in attempts on your Doorman account',
    text: `There were ${facts.count} failed attempts to sign in to your Doorman account in the last ${facts.minutes} minutes.
Nobody got in, and further attempts are slowed down.

If it was not you, someone may be guessing your password. Choosing a new, unique one helps:
${facts.forgot}${signature}`,
  }
}

export function confirmEmailMail(facts: { newEmail: string; link: string; hours: number }): Mail {
  return {
    subject: 'Confirm your new email address for Doorman',
    text: `Someone (we hope you) asked to use ${facts.newEmail} for their Doorman account.
Confirm it here; the link works once, for ${facts.hours} hours:
${facts.link}

If you did not ask, ignore this email and nothing changes.${signature}`,
  }
}

export function emailChangeRequestedMail(facts: { newEmail: string; at: Date }): Mail {
  return {
    subject: 'Your Doorman email address is about to change',
    text: `On ${mailTime(facts.at)} your Doorman account asked to use ${facts.newEmail} instead of this address.
It changes only once that address confirms. If this was not you, sign in and change your password now.${signature}`,
  }
}

export function emailChangedMail(facts: { newEmail: string; at: Date }): Mail {
  return {
    subject: 'Your Doorman email address was changed',
    text: `On ${mailTime(facts.at)} your Doorman account's email address was changed to ${facts.newEmail}.
Mail about the account now goes there. If this was not you, contact your administrator at once.${signature}`,
  }
}
