import { ScrollRegion } from '~/components/admin/scroll-region.tsx'
import { Form, Link } from '@remix-run/react'
import { formatCount } from '~/components/admin/admin-layout.tsx'
import { SubmitButton, TextField } from '~/components/forms.tsx'
import { RelativeTime } from '~/components/relative-time.tsx'

type Sample = {
  id: string
  device: string
  lastIp: string
  createdAt: Date
  lastActiveAt: Date
  userId: string
  email: string
}
type Preview = { sessions: number; users: number; sample: Sample[]; at: Date }

const cell = 'px-3 py-2 align-top'

/** What the rule matches, a sample of it, and the button that signs exactly that out. */
export function RulePreview({
  description,
  preview,
  ruleFields,
  askPassword,
  now,
}: {
  description: string
  preview: Preview
  ruleFields: Record<string, string>
  askPassword: boolean
  now: Date
}) {
  const { sessions, users } = preview
  return (
    <section
      aria-labelledby="preview-title"
      className="space-y-4 rounded-2xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-800 dark:bg-amber-950/40"
    >
      <h2 id="preview-title" className="text-lg font-semibold">
        {formatCount(sessions)} session{sessions === 1 ? '' : 's'} of {formatCount(users)} user{users === 1 ? '' : 's'}{' '}
        match
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-200">{description}, active now.</p>
      {preview.sample.length > 0 ? (
        <ScrollRegion
          label="Sample of matching sessions"
          className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="px-3 pt-2 text-left text-xs text-slate-500 dark:text-slate-400">
              {preview.sample.length < sessions
                ? `The ${preview.sample.length} least recently active of them`
                : 'All of them'}
            </caption>
            <thead className="text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className={`${cell} font-medium`}>
                  User
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  Device
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  Last IP
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  Signed in
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  Last active
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {preview.sample.map((row) => (
                <tr key={row.id}>
                  <td className={cell}>
                    <Link
                      to={`/admin/users/${encodeURIComponent(row.userId)}`}
                      className="break-all text-brand-600 hover:underline dark:text-brand-100"
                    >
                      {row.email}
                    </Link>
                  </td>
                  <td className={cell}>{row.device}</td>
                  <td className={`${cell} break-all`}>{row.lastIp}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <RelativeTime date={new Date(row.createdAt)} now={now} />
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <RelativeTime date={new Date(row.lastActiveAt)} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {sessions > 0 ? (
        <Form method="post" className="space-y-3" aria-labelledby="preview-title">
          {Object.entries(ruleFields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {/* The preview's time: sessions signed in after it are never swept up. */}
          <input type="hidden" name="asOf" value={new Date(preview.at).toISOString()} />
          <input type="hidden" name="expected" value={sessions} />
          {askPassword ? (
            <TextField label="Your password" name="password" type="password" autoComplete="current-password" required />
          ) : null}
          <SubmitButton variant="danger" name="intent" value="revoke-matching" pendingText="Signing out…">
            {`Sign out these ${formatCount(sessions)} session${sessions === 1 ? '' : 's'}`}
          </SubmitButton>
        </Form>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-200">Nothing to sign out.</p>
      )}
    </section>
  )
}
