import { type RouteConfig, index, route } from '@remix-run/route-config'

// Every URL of the app, in one place. Files are named after their URL.
export default [
  index('routes/home.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('login', 'routes/login.tsx'),
  route('signup', 'routes/signup.tsx'),
  route('logout', 'routes/logout.ts'),
  route('confirm-password', 'routes/confirm-password.tsx'),
  route('account', 'routes/account.tsx'),
  route('devices', 'routes/devices.tsx'),
  route('session/events', 'routes/session-events.ts'),
  // Mail: recovery links, sign-in alerts (issue 12)
  route('forgot-password', 'routes/forgot-password.tsx'),
  route('reset-password/:token', 'routes/reset-password.tsx'),
  route('not-me/:token', 'routes/not-me.tsx'),
  route('confirm-email/:token', 'routes/confirm-email.tsx'),
  route('sign-in-alerts/:alertId', 'routes/sign-in-alert.ts'),
  // Admin console (issue 5)
  route('admin', 'routes/admin.tsx'),
  route('admin/users', 'routes/admin.users.tsx'),
  route('admin/audit.csv', 'routes/admin.audit-csv.ts'),
  route('admin/audit', 'routes/admin.audit.tsx'),
  route('admin/users/:userId', 'routes/admin.user.tsx'),
  route('admin/sessions', 'routes/admin.sessions.tsx'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
