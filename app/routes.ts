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
  // Admin console (issue 5)
  route('admin', 'routes/admin.tsx'),
  route('admin/users', 'routes/admin.users.tsx'),
  route('admin/audit.csv', 'routes/admin.audit-csv.ts'),
  route('admin/audit', 'routes/admin.audit.tsx'),
  route('admin/users/:userId', 'routes/admin.user.tsx'),
  route('admin/sessions', 'routes/admin.sessions.tsx'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
