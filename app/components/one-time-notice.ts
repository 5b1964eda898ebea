import { useLocation } from '@remix-run/react'
import { useRef } from 'react'

/**
 * A one-time notice (a redirect's flash, app/lib/flash.server.ts, or an action's answer),
 * kept for the history entry that brought it. Any later reload of the page's data (the
 * live stream's, a progress poll's, another form's) has no flash any more, since the flash
 * shows once, and Remix drops action data on a reload: the notice would vanish before
 * anyone could read it. It goes when the entry does: a navigation, even Back to the same
 * page, starts without it, and a reload of the document never had it.
 */
export function useOneTimeNotice<T>(notice: T | null | undefined): T | null {
  const { key } = useLocation()
  const kept = useRef<{ key: string; notice: T | null }>({ key, notice: null })
  if (notice) kept.current = { key, notice }
  else if (kept.current.key !== key) kept.current = { key, notice: null }
  return kept.current.notice
}
