import { useRevalidator } from '@remix-run/react'
import { useMemo } from 'react'
import { BACKGROUND_HEADER } from '~/session/background.ts'

// Reloads of a page's data that the person did not ask for (the live stream's "a device
// changed", a job's progress poll) are marked so that the server does not count them as
// activity (app/session/background.ts). Remix offers no way to add a header to a
// revalidation's request, so the browser's fetch is wrapped: a data request (`*.data`, a
// GET) is marked while a revalidation started here is running and no navigation is under
// way. A navigation started meanwhile fetches unmarked, so a click is always activity.

let requested = false
let watching = false

/** Like `useRevalidator`, for reloads nobody asked for: they do not keep the session alive. */
export function useBackgroundRevalidator() {
  const revalidator = useRevalidator()
  return useMemo(
    () => ({
      state: revalidator.state,
      revalidate() {
        if (!watching) {
          watching = true
          window.__remixRouter.subscribe((state) => {
            if (state.revalidation === 'idle') requested = false
          })
        }
        requested = true
        revalidator.revalidate()
      },
    }),
    [revalidator],
  )
}

function isBackgroundDataRequest(input: RequestInfo | URL, init?: RequestInit) {
  if (!requested || (init?.method ?? 'GET') !== 'GET' || input instanceof Request) return false
  const { state } = window.__remixRouter
  if (state.navigation.state !== 'idle' || state.revalidation !== 'loading') return false
  const url = new URL(String(input), window.location.href)
  return url.origin === window.location.origin && url.pathname.endsWith('.data')
}

/** Installs the marking; called once before hydration (entry.client.tsx). */
export function markBackgroundRequests() {
  const fetchUnmarked = window.fetch.bind(window)
  window.fetch = (input, init) => {
    if (!isBackgroundDataRequest(input, init)) return fetchUnmarked(input, init)
    const headers = new Headers(init?.headers)
    headers.set(BACKGROUND_HEADER, '1')
    return fetchUnmarked(input, { ...init, headers })
  }
}
