// Why a session ended, and what we tell people about it. Shared by server and UI.

export const endReasons = [
  'signed-out',
  'revoked-by-user',
  'revoked-by-admin',
  'password-change',
  'user-disabled',
  'role-change',
  'idle-expiry',
  'absolute-expiry',
  'session-cap',
  'suspected-theft',
] as const

export type EndReason = (typeof endReasons)[number]
/** Why a request's session was refused: it ended, or the cookie matched nothing. */
export type RejectReason = EndReason | 'unknown'

export function isRejectReason(value: unknown): value is RejectReason {
  return value === 'unknown' || endReasons.includes(value as EndReason)
}

/** What the signed-out page (and a revoked tab) says. */
export const signedOutMessage: Record<RejectReason, string> = {
  'signed-out': 'You signed out.',
  'revoked-by-user': 'You signed out this device from another device.',
  'revoked-by-admin': 'An administrator signed you out.',
  'password-change': 'Your password was changed, so this device was signed out.',
  'user-disabled': 'Your account has been disabled. Contact an administrator.',
  'role-change': 'Your role changed, so you were signed out. Please sign in again.',
  'idle-expiry': 'Your session expired.',
  'absolute-expiry': 'Your session expired.',
  'session-cap': 'You were signed out because too many devices were signed in.',
  'suspected-theft': 'We signed you out because your session was used from a different browser.',
  unknown: 'Please sign in again.',
}
