const badge = 'inline-flex rounded-full px-2 py-0.5 text-xs font-semibold'

export function RoleBadge({ role }: { role: string }) {
  return role === 'admin' ? (
    <span className={`${badge} bg-brand-100 text-brand-900 dark:bg-brand-900 dark:text-brand-50`}>Admin</span>
  ) : (
    <span className={`${badge} bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200`}>User</span>
  )
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  return disabled ? (
    <span className={`${badge} bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200`}>Disabled</span>
  ) : (
    <span className={`${badge} bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200`}>
      Enabled
    </span>
  )
}
