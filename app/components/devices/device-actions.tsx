import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { Pencil } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { buttonClass, inputClass, SubmitButton } from '~/components/forms.tsx'

/** "Sign out" (through the confirm step) and "Rename" for one device row. */
export function DeviceActions({
  id,
  name,
  current,
  customLabel,
}: {
  id: string
  name: string
  current: boolean
  customLabel: string | null
}) {
  const details = useCloseWhenSaved(id)
  useCloseOnEscape(details)
  return (
    <>
      <details ref={details} className="group relative open:w-full sm:open:w-auto">
        <summary className={`${buttonClass('secondary')} cursor-pointer list-none`} aria-label={`Rename ${name}`}>
          <Pencil aria-hidden className="h-4 w-4" /> Rename
        </summary>
        <Form
          method="post"
          action="/devices"
          className="mt-2 flex w-full flex-col gap-2 sm:absolute sm:w-64 sm:right-0 sm:z-10 sm:rounded-xl sm:border sm:border-slate-200 sm:bg-white sm:p-3 sm:shadow-lg dark:sm:border-slate-700 dark:sm:bg-slate-900"
        >
          <input type="hidden" name="sessionId" value={id} />
          <label htmlFor={`label-${id}`} className="text-sm font-medium">
            Name for this device
          </label>
          <input
            id={`label-${id}`}
            name="label"
            defaultValue={customLabel ?? ''}
            maxLength={60}
            placeholder={name}
            className={inputClass}
          />
          <p className="text-xs text-slate-500 dark:text-slate-400">Leave empty to use the detected name.</p>
          <SubmitButton name="intent" value="rename" pendingText="Saving…">
            Save name
          </SubmitButton>
        </Form>
      </details>
      {current ? null : (
        <Link
          to={`?confirm=${encodeURIComponent(id)}`}
          className={buttonClass('danger')}
          aria-label={`Sign out ${name}`}
          preventScrollReset
        >
          Sign out
        </Link>
      )}
    </>
  )
}

/** Closes the rename form once its save went through (a refused one stays open to fix). */
function useCloseWhenSaved(id: string) {
  const details = useRef<HTMLDetailsElement>(null)
  const navigation = useNavigation()
  const result = useActionData<{ ok: boolean }>()
  const saving = useRef(false)
  useEffect(() => {
    const form = navigation.formData
    if (form?.get('intent') === 'rename' && form.get('sessionId') === id) saving.current = true
    else if (navigation.state === 'idle' && saving.current) {
      saving.current = false
      if (result?.ok && details.current) details.current.open = false
    }
  }, [navigation, result, id])
  return details
}

/** Escape closes the rename popover and gives focus back to its button. */
function useCloseOnEscape(details: React.RefObject<HTMLDetailsElement | null>) {
  useEffect(() => {
    const element = details.current
    if (!element) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !element.open) return
      event.preventDefault()
      element.open = false
      element.querySelector('summary')?.focus()
    }
    element.addEventListener('keydown', onKey)
    return () => element.removeEventListener('keydown', onKey)
  }, [details])
}
