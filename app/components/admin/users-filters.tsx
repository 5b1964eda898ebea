import { Form, Link, useNavigation } from '@remix-run/react'
import { SelectField } from '~/components/admin/select-field.tsx'
import { buttonClass, TextField } from '~/components/forms.tsx'
import type { UserQuery } from '~/lib/admin/user-query.ts'

/** The user list's search, filters and sort: a GET form, so the URL holds the view. */
export function UsersFilters({ query }: { query: UserQuery }) {
  const navigation = useNavigation()
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/admin/users'
  // Keyed by the query so that Back/Forward show the fields of the view they land on.
  // Four columns at most on a wide screen: six left each select ~145 px, too narrow for
  // "Most active sessions" (its text was cut off).
  return (
    <Form
      method="get"
      key={JSON.stringify(query)}
      role="search"
      aria-label="Users"
      className="grid grid-cols-1 gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="sm:col-span-2">
        <TextField label="Search by email or name" name="q" type="search" defaultValue={query.q} maxLength={100} />
      </div>
      <SelectField
        label="Role"
        name="role"
        defaultValue={query.role}
        options={[
          ['', 'Any role'],
          ['user', 'User'],
          ['admin', 'Admin'],
        ]}
      />
      <SelectField
        label="Status"
        name="disabled"
        defaultValue={query.disabled}
        options={[
          ['', 'Any status'],
          ['no', 'Enabled'],
          ['yes', 'Disabled'],
        ]}
      />
      <SelectField
        label="Active sessions"
        name="sessions"
        defaultValue={query.sessions}
        options={[
          ['', 'Any'],
          ['with', 'Has active sessions'],
          ['without', 'No active sessions'],
        ]}
      />
      <SelectField
        label="Sort by"
        name="sort"
        defaultValue={query.sort}
        options={[
          ['last-active', 'Last active'],
          ['created', 'Newest accounts'],
          ['sessions', 'Most active sessions'],
        ]}
      />
      <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:self-end">
        <button type="submit" className={buttonClass('primary')} disabled={searching}>
          {searching ? 'Searching…' : 'Show users'}
        </button>
        <Link to="/admin/users" className={buttonClass('secondary')}>
          Clear
        </Link>
      </div>
    </Form>
  )
}
