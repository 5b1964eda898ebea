import { useId, type SelectHTMLAttributes } from 'react'
import { inputClass } from '~/components/forms.tsx'

/** A labelled <select>, styled like TextField. */
export function SelectField({
  label,
  options,
  ...props
}: { label: string; options: Array<[value: string, text: string]> } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId()
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select id={id} className={inputClass} {...props}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}
