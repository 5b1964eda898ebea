import { readDeviceSignatures, readSessionStates, type Reader } from '~/session/live/live-queries.server.ts'

// One re-check of some open streams (decision 015): reads their sessions' states and their
// users' device-list signatures in one go, then tells each page what concerns it: "ended"
// (and closes it), or "devices-changed" when its list differs from what it last knew.

/** An open live stream (a page listening over server-sent events). */
export type Subscriber = {
  sessionId: string
  userId: string
  /** When the page read its data (ms): a device change after it is news to this page. */
  since: number | null
  /** When the session expires unless touched (ms); re-checked then, without a query before. */
  expiresAt?: number
  send: (event: string, data: unknown) => void
  ping: () => void
  close: () => void
}

export type RecheckOptions = {
  /** Runs the reads (SQLite: in a transaction, so they wait for the writer's commit). */
  read: <T>(work: (reader: Reader) => Promise<T>) => Promise<T>
  /** Each user's last known device-list signature; updated in place. */
  signatures: Map<string, string>
  /** Users whose pages are told "devices changed" whatever the signatures say (a rename). */
  listChanged: Set<string>
  /** Whether a stream is still open (one may close while the reads run). */
  isOpen: (subscriber: Subscriber) => boolean
}

/** Re-checks `watched`; returns the streams it ended (their sessions are over). */
export async function recheckStreams(watched: Subscriber[], { read, signatures, listChanged, isOpen }: RecheckOptions) {
  const now = new Date()
  const { states, devices } = await read(async (reader) => {
    const sessionIds = [...new Set(watched.map((subscriber) => subscriber.sessionId))]
    const states = await readSessionStates(reader, sessionIds, now)
    const devices = await readDeviceSignatures(reader, [...new Set(watched.map((subscriber) => subscriber.userId))])
    return { states, devices }
  })
  const previous = new Map<string, string | undefined>()
  for (const [userId, { signature }] of devices) {
    previous.set(userId, signatures.get(userId))
    signatures.set(userId, signature)
  }
  const ended: Subscriber[] = []
  for (const subscriber of watched) {
    if (!isOpen(subscriber)) continue
    const state = states.get(subscriber.sessionId) ?? { ended: 'unknown' as const, expiresAt: 0 }
    if (state.ended) {
      subscriber.send('ended', { reason: state.ended })
      subscriber.close()
      ended.push(subscriber)
      continue
    }
    subscriber.expiresAt = state.expiresAt
    const device = devices.get(subscriber.userId)
    const before = previous.get(subscriber.userId)
    const changed =
      listChanged.has(subscriber.userId) ||
      (device !== undefined && before !== undefined && before !== device.signature)
    const missedBeforeOpening = device !== undefined && subscriber.since !== null && device.latest > subscriber.since
    subscriber.since = null
    if (changed || missedBeforeOpening) subscriber.send('devices-changed', {})
  }
  return { ended }
}
