import { formatCount } from '~/components/admin/admin-layout.tsx'

type Row = { name: string; count: number }

const MAX_ROWS = 8

/**
 * A small horizontal bar chart that is a real table: screen readers read names and
 * numbers, and the bars (SVG, since the CSP forbids inline styles) are decoration.
 */
export function BarChart({ id, title, rows, unit }: { id: string; title: string; rows: Row[]; unit: string }) {
  const shown =
    rows.length > MAX_ROWS
      ? [
          ...rows.slice(0, MAX_ROWS - 1),
          { name: 'Others', count: rows.slice(MAX_ROWS - 1).reduce((sum, row) => sum + row.count, 0) },
        ]
      : rows
  const total = rows.reduce((sum, row) => sum + row.count, 0)
  const max = Math.max(1, ...shown.map((row) => row.count))
  return (
    <figure
      aria-labelledby={id}
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <figcaption id={id} className="font-semibold">
        {title}
      </figcaption>
      {shown.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No active sessions.</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="w-24">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.name}>
                <th
                  scope="row"
                  className="w-full max-w-0 py-1.5 pr-3 text-left font-normal text-slate-700 dark:text-slate-200"
                >
                  <span className="block truncate" title={row.name}>
                    {row.name}
                  </span>
                  <svg aria-hidden="true" focusable="false" className="mt-1 block h-2 w-full">
                    <rect width="100%" height="100%" rx="3" className="fill-slate-100 dark:fill-slate-800" />
                    <rect width={`${(row.count / max) * 100}%`} height="100%" rx="3" className="fill-brand-500" />
                  </svg>
                </th>
                <td className="w-24 py-1.5 text-right align-top tabular-nums text-slate-700 dark:text-slate-200">
                  {formatCount(row.count)}
                  <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">
                    {total > 0 ? `${Math.round((row.count / total) * 100)}%` : ''}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  )
}
