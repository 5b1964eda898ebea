import { AdminConfirm } from '~/components/admin/admin-confirm.tsx'

type Props = {
  confirm: string | null
  confirmSession: string | null
  user: { id: string; email: string; role: string }
  devices: Array<{ id: string; name: string }>
  total: number
  self: { id: string; sessionId: string }
  recentlyAuthenticated: boolean
  /** The only active administrator: no confirm step to demote or disable (the profile says why). */
  lastActiveAdmin: boolean
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** The confirm dialog that `?confirm=` asks for on a user's page, if any. */
export function UserConfirms(props: Props) {
  const { confirm, confirmSession, user, devices, total, self, recentlyAuthenticated, lastActiveAdmin } = props
  if (lastActiveAdmin && (confirm === 'disable' || confirm === 'role')) return null
  const here = `/admin/users/${encodeURIComponent(user.id)}`
  const own = user.id === self.id
  const common = { action: here, cancelTo: here, askPassword: !recentlyAuthenticated }
  switch (confirm) {
    case 'revoke': {
      const device = devices.find((candidate) => candidate.id === confirmSession)
      if (!device) return null
      return (
        <AdminConfirm
          {...common}
          title={`Sign out ${device.name}?`}
          body={`${user.email} will be signed out on ${device.name} at its very next request, and any page open on it will say that an administrator signed them out.`}
          warning={
            device.id === self.sessionId ? 'This is the session you are using now: you will be signed out.' : null
          }
          fields={{ intent: 'revoke', sessionId: device.id }}
          confirmLabel="Sign out this session"
          pendingText="Signing out…"
        />
      )
    }
    case 'revoke-all':
      return (
        <AdminConfirm
          {...common}
          title={`Sign out all of ${user.email}’s sessions?`}
          body={`${plural(total, 'active session')} will end at once. The user can sign in again.`}
          warning={own ? 'This is your own account: you will be signed out too.' : null}
          fields={{ intent: 'revoke-all' }}
          confirmLabel="Sign out all sessions"
          pendingText="Signing out…"
        />
      )
    case 'disable':
      return (
        <AdminConfirm
          {...common}
          title={`Disable ${user.email}?`}
          body={`Every session ends (${plural(total, 'active session')} now), and signing in is refused until an administrator enables the account again.`}
          warning={own ? 'This is your own account: you will be signed out and unable to sign in.' : null}
          fields={{ intent: 'disable' }}
          confirmLabel="Disable account"
          pendingText="Disabling…"
        />
      )
    case 'enable':
      return (
        <AdminConfirm
          {...common}
          title={`Enable ${user.email}?`}
          body="They will be able to sign in again."
          fields={{ intent: 'enable' }}
          confirmLabel="Enable account"
          pendingText="Enabling…"
        />
      )
    case 'role': {
      const role = user.role === 'admin' ? 'user' : 'admin'
      return (
        <AdminConfirm
          {...common}
          title={`Change ${user.email}’s role to ${role}?`}
          body={`Their ${plural(total, 'active session')} will end, so that the new role applies from their next sign-in.`}
          warning={
            own ? 'This is your own account: you will be signed out and lose access to the admin console.' : null
          }
          fields={{ intent: 'set-role', role }}
          confirmLabel={role === 'admin' ? 'Make administrator' : 'Change role to user'}
          pendingText="Changing role…"
        />
      )
    }
    default:
      return null
  }
}
