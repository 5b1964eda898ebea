import { Form, Link, useNavigation } from '@remix-run/react'
import { SelectField } from '~/components/admin/select-field.tsx'
import { buttonClass, Card, TextField } from '~/components/forms.tsx'

const browsers = ['Chrome', 'Safari', 'Firefox', 'Edge', 'Opera', 'Samsung Internet', 'Brave', 'Vivaldi']
const systems = ['Windows', 'macOS', 'iOS', 'iPadOS', 'Android', 'Linux', 'ChromeOS']

/** The rule: a GET form, so the rule lives in the URL and the preview can be bookmarked. */
export function RuleForm({ fields, errors }: { fields: Record<string, string>; errors: Record<string, string> }) {
  const navigation = useNavigation()
  const previewing = navigation.state === 'loading' && navigation.location.search.includes('intent=preview')
  return (
    <Card className="space-y-4">
      <div>
        <h2 id="rule-title" className="text-xl font-semibold">
          Sign out by rule
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Fill in one or more rules; a session must match all of them. Preview first: the sign-out then ends exactly
          what the preview counted. Your own session is never included.
        </p>
      </div>
      <Form
        method="get"
        aria-labelledby="rule-title"
        key={JSON.stringify(fields)}
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3"
        preventScrollReset
      >
        <TextField
          label="Signed in before"
          name="signedInBefore"
          type="date"
          defaultValue={fields.signedInBefore}
          error={errors.signedInBefore}
        />
        <TextField
          label="Inactive for more than (days)"
          name="inactiveDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          defaultValue={fields.inactiveDays}
          error={errors.inactiveDays}
        />
        <SelectField
          label="Users with the role"
          name="role"
          defaultValue={fields.role}
          options={[
            ['', 'Any role'],
            ['user', 'User'],
            ['admin', 'Admin'],
          ]}
        />
        <TextField
          label="Browser"
          name="browser"
          list="rule-browsers"
          defaultValue={fields.browser}
          error={errors.browser}
          hint="Any case, e.g. firefox"
        />
        <TextField
          label="Operating system"
          name="os"
          list="rule-systems"
          defaultValue={fields.os}
          error={errors.os}
          hint="Any case, e.g. windows"
        />
        <TextField
          label="IP address or range"
          name="ip"
          defaultValue={fields.ip}
          error={errors.ip}
          hint="e.g. 203.0.113.0/24 or 2001:db8::/32"
          spellCheck={false}
        />
        <datalist id="rule-browsers">
          {browsers.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <datalist id="rule-systems">
          {systems.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {errors.form ? (
          <p className="text-sm text-red-700 sm:col-span-2 lg:col-span-3 dark:text-red-400">{errors.form}</p>
        ) : null}
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3">
          <button type="submit" name="intent" value="preview" className={buttonClass('primary')} disabled={previewing}>
            {previewing ? 'Counting…' : 'Preview'}
          </button>
          <Link to="/admin/sessions" className={buttonClass('secondary')} preventScrollReset>
            Clear
          </Link>
        </div>
      </Form>
    </Card>
  )
}
