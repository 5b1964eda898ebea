import { Form, Link } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { SelectField } from '~/components/admin/select-field.tsx'
import { buttonClass, TextField } from '~/components/forms.tsx'
import { eventTypeNames } from '~/lib/event-text-admin.ts'

type Fields = { type: string; actor: string; target: string; from: string; to: string }

/**
 * The zone the day fields mean: the one the URL's days were read in, else the reader's
 * own once JavaScript runs (the server cannot know it), else UTC (null).
 */
function useDayZone(urlZone: string | null) {
  const [zone, setZone] = useState(urlZone)
  useEffect(() => {
    setZone(urlZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || null))
  }, [urlZone])
  return zone
}

/** The audit log's filters: a GET form, shared with the CSV export's link. */
export function AuditFilters({
  fields,
  urlZone,
  errors,
  types,
  csvHref,
}: {
  fields: Fields
  urlZone: string | null
  errors: Record<string, string>
  types: readonly string[]
  csvHref: string
}) {
  const zone = useDayZone(urlZone)
  const dayHint = `Days in ${zone ?? 'UTC'}`
  // The event type needs ~280 px for its longer names: a row of its own on a tablet, one of
  // three columns (not five) on a wide screen.
  return (
    <Form
      method="get"
      role="search"
      aria-label="Audit log"
      key={JSON.stringify(fields)}
      className="grid grid-cols-1 gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="sm:col-span-2 lg:col-span-1">
        <SelectField
          label="Event type"
          name="type"
          defaultValue={fields.type}
          options={[['', 'Any type'], ...types.map((type): [string, string] => [type, eventTypeNames[type] ?? type])]}
        />
      </div>
      <TextField label="Actor (email)" name="actor" type="email" defaultValue={fields.actor} error={errors.actor} />
      <TextField
        label="Target user (email)"
        name="target"
        type="email"
        defaultValue={fields.target}
        error={errors.target}
      />
      {zone ? <input type="hidden" name="tz" value={zone} /> : null}
      <TextField label="From" name="from" type="date" defaultValue={fields.from} error={errors.from} hint={dayHint} />
      <TextField label="To" name="to" type="date" defaultValue={fields.to} error={errors.to} hint={dayHint} />
      {errors.type ? (
        <p className="text-sm text-red-700 sm:col-span-2 lg:col-span-3 dark:text-red-400">{errors.type}</p>
      ) : null}
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3">
        <button type="submit" className={buttonClass('primary')}>
          Show events
        </button>
        <Link to="/admin/audit" className={buttonClass('secondary')}>
          Clear
        </Link>
        {/* A document link, not client navigation: the browser downloads the stream. */}
        <a href={csvHref} className={buttonClass('secondary')} download>
          Export CSV
        </a>
      </div>
    </Form>
  )
}
