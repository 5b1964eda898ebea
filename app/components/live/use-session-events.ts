import { useEffect, useState } from 'react'
import { useBackgroundRevalidator } from '~/components/live/background-refresh.ts'

// Live session events in the browser. Browsers allow few connections per host, so one
// tab per session (the holder of a Web Lock) keeps the EventSource open and relays what
// it hears to the session's other tabs over a BroadcastChannel. When that tab closes,
// the lock passes to another tab, which opens the stream.

export type Ended = { reason: string; message: string }
type LiveMessage = { type: 'ended'; ended: Ended } | { type: 'devices-changed' }

const DEVICES_CHANGED = 'doorman:devices-changed'

function listen(sessionId: string, since: number, onMessage: (message: LiveMessage) => void) {
  const channel = new BroadcastChannel(`doorman-session-${sessionId}`)
  channel.onmessage = (event: MessageEvent<LiveMessage>) => onMessage(event.data)
  let stopLeading = () => {}
  const lead = () =>
    new Promise<void>((release) => {
      // `since`: when the page's data was read, so that a change made before the
      // stream opened is still announced.
      const source = new EventSource(`/session/events?since=${since}`)
      const relay = (message: LiveMessage) => {
        onMessage(message)
        channel.postMessage(message)
      }
      source.addEventListener('ended', (event) => {
        source.close()
        relay({ type: 'ended', ended: JSON.parse((event as MessageEvent<string>).data) as Ended })
        release()
      })
      source.addEventListener('devices-changed', () => relay({ type: 'devices-changed' }))
      stopLeading = () => {
        source.close()
        release()
      }
    })
  const aborter = new AbortController()
  if ('locks' in navigator) {
    navigator.locks.request(`doorman-live-${sessionId}`, { signal: aborter.signal }, lead).catch(() => {})
  } else {
    void lead()
  }
  return () => {
    aborter.abort()
    stopLeading()
    channel.close()
  }
}

/** Watches the current session; returns why it ended once it has. */
export function useSessionWatcher(sessionId: string | null, since: number): Ended | null {
  const [ended, setEnded] = useState<Ended | null>(null)
  useEffect(() => {
    setEnded(null)
    if (!sessionId || typeof EventSource === 'undefined') return
    return listen(sessionId, since, (message) => {
      if (message.type === 'ended') setEnded(message.ended)
      else window.dispatchEvent(new Event(DEVICES_CHANGED))
    })
  }, [sessionId]) // eslint-disable-line react-hooks/exhaustive-deps -- `since` matters only when the stream opens
  return ended
}

/**
 * Reloads the page's data when a device of this user signs in or out; as a background
 * refresh, which does not count as activity (an open tab is not a person using it).
 */
export function useLiveRevalidation() {
  const revalidator = useBackgroundRevalidator()
  const [missed, setMissed] = useState(false)
  useEffect(() => {
    const onChange = () => (revalidator.state === 'idle' ? revalidator.revalidate() : setMissed(true))
    window.addEventListener(DEVICES_CHANGED, onChange)
    return () => window.removeEventListener(DEVICES_CHANGED, onChange)
  }, [revalidator])
  // A change announced while a reload was running: reload once more when it is done.
  useEffect(() => {
    if (!missed || revalidator.state !== 'idle') return
    setMissed(false)
    revalidator.revalidate()
  }, [missed, revalidator])
}
