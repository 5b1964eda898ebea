import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * The shell of every confirm step: a page state (`?confirm=…`) rendered as a modal
 * dialog, so it works without JavaScript; with it, focus starts on the first field (else
 * the element marked `data-dialog-cancel`, never the destructive button), Tab stays
 * inside, and Escape follows the cancel link.
 */
export function ModalDialog({
  title,
  description,
  focusKey,
  children,
}: {
  title: string
  description: ReactNode
  /** Re-focuses when it changes, e.g. after a refused password. */
  focusKey?: unknown
  children: ReactNode
}) {
  const dialog = useRef<HTMLDivElement>(null)
  const id = useId()
  const cancel = () => dialog.current?.querySelector<HTMLElement>('[data-dialog-cancel]')
  // Closing (Cancel, Escape) gives focus back to the control that opened the dialog, when
  // it is still on the page; declared first, so it sees the opener before focus moves in.
  useEffect(() => {
    const active = document.activeElement
    const opener = active instanceof HTMLElement && active !== document.body ? active : null
    return () => {
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  useEffect(() => {
    ;(dialog.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select') ?? cancel())?.focus()
  }, [focusKey])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancel()?.click()
      if (event.key === 'Tab' && dialog.current) keepFocusWithin(dialog.current, event)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center overflow-y-auto bg-slate-900/50 p-4 sm:items-center">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="w-full max-w-md rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-900"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={`${id}-body`} className="mt-2 space-y-3 text-sm text-slate-600 dark:text-slate-300">
          {description}
        </div>
        {children}
      </div>
    </div>
  )
}

/** Tab and Shift+Tab cycle through the dialog: a modal dialog must not let focus slip behind it. */
export function keepFocusWithin(container: HTMLElement, event: KeyboardEvent) {
  const focusable = [
    ...container.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([type="hidden"]), select'),
  ]
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  const active = document.activeElement
  if (!first || !last) return
  if (!container.contains(active)) first.focus()
  else if (event.shiftKey && active === first) last.focus()
  else if (!event.shiftKey && active === last) first.focus()
  else return
  event.preventDefault()
}
