import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '~/components/nonce.tsx'
import { closeDb, startBackgroundCheckpoints } from '~/db.server.ts'
import { startMailWorker, stopMailWorker } from '~/mail/worker.server.ts'
import { closeSessionReader } from '~/session/session-lookup.server.ts'
import { liveHub } from '~/session/live-hub.server.ts'
import { liveBus } from '~/session/live/live-bus.server.ts'
import { startPruneTimer, stopPruneTimer } from '~/session/prune.server.ts'

startPruneTimer()
startMailWorker()
void startBackgroundCheckpoints()

export const streamTimeout = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  // Bots get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are already on the page; log them, never show them.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  console.error(error)
}

/** Called by the server on SIGTERM/SIGINT, after it stops accepting connections. */
/** Ends live streams first on SIGTERM, so that their sockets can drain. */
export function endLiveStreams() {
  liveHub.closeAll()
}

export async function shutdown() {
  stopPruneTimer()
  await stopMailWorker()
  liveHub.closeAll()
  closeSessionReader()
  await liveBus.close()
  await closeDb()
}
