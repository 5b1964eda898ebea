import { useEffect, useRef } from 'react'

/**
 * Reports navigator.maxTouchPoints with the sign-in form. An iPad asking for desktop sites
 * sends a Mac UA; its touch screen is what tells it from a Mac. Empty without JavaScript,
 * and then the device stays "macOS".
 */
export function TouchPointsField() {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.value = String(navigator.maxTouchPoints ?? 0)
  }, [])
  return <input ref={ref} type="hidden" name="touchPoints" defaultValue="" />
}

/** The form's touchPoints field as a small whole number, or null when absent or nonsense. */
export function readTouchPoints(form: FormData): number | null {
  const raw = form.get('touchPoints')
  if (typeof raw !== 'string' || !/^\d{1,3}$/.test(raw)) return null
  return Number(raw)
}
