import type { LoaderFunctionArgs } from '@remix-run/node'
import { signedOutMessage } from '~/session/end-reasons.ts'
import { checkSession } from '~/session/guards.server.ts'
import { liveHub } from '~/session/live-hub.server.ts'

// GET /session/events: a server-sent event stream for the open pages of one session.
// Events: `ended` {reason, message} when the session ends; `devices-changed` when a
// device of the same user signs in or out. A page holds at most one stream per browser
// (see app/components/live/), so many open tabs cost one connection.

const headers = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
}

// A page holds one stream per browser; a few more cover reloads that overlap. Past
// that, each stream is a held connection and a subscriber for nothing: refused.
export const MAX_STREAMS_PER_SESSION = 4
const openStreams = new Map<string, number>()

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

export async function loader({ request, context }: LoaderFunctionArgs) {
  // An open tab is not activity: the stream must not extend the idle timeout.
  const validation = await checkSession(request, context, { touch: false })
  if (!validation) return new Response(null, { status: 204 }) // no session: EventSource stops retrying
  if (!validation.ok) {
    const ended = frame('ended', { reason: validation.reason, message: signedOutMessage[validation.reason] })
    return new Response(`retry: 60000\n${ended}`, { headers })
  }
  const { session, user } = validation
  const streams = openStreams.get(session.id) ?? 0
  if (streams >= MAX_STREAMS_PER_SESSION) {
    return new Response('Too many live streams for this session. Close some tabs and reload.', {
      status: 429,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '60' },
    })
  }
  openStreams.set(session.id, streams + 1)
  let counted = true
  const release = () => {
    if (!counted) return
    counted = false
    const left = (openStreams.get(session.id) ?? 1) - 1
    if (left > 0) openStreams.set(session.id, left)
    else openStreams.delete(session.id)
  }
  const encoder = new TextEncoder()
  let unsubscribe = () => {}
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true
      const write = (text: string) => open && controller.enqueue(encoder.encode(text))
      const close = () => {
        if (!open) return
        open = false
        release()
        unsubscribe()
        controller.close()
      }
      const since = Number(new URL(request.url).searchParams.get('since'))
      unsubscribe = liveHub.subscribe({
        sessionId: session.id,
        userId: user.id,
        since: Number.isFinite(since) && since > 0 ? since : null,
        expiresAt: Math.min(session.idleExpiresAt.getTime(), session.absoluteExpiresAt.getTime()),
        send: (event, data) => {
          const reason = (data as { reason?: keyof typeof signedOutMessage }).reason
          write(frame(event, reason ? { reason, message: signedOutMessage[reason] } : data))
        },
        ping: () => write(': ping\n\n'),
        close,
      })
      write(`retry: 3000\n${frame('hello', { sessionId: session.id })}`)
      request.signal.addEventListener('abort', close)
    },
    cancel() {
      release()
      unsubscribe()
    },
  })
  return new Response(stream, { headers })
}
