import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { env } from '../app/env.server.ts'
import { clientIpOf, trustProxySetting } from './client-ip.ts'
import { requestLog } from './request-log.ts'
import { noStore, publicHost, sameOriginOnly, securityHeaders } from './security.ts'

// The production (and development) HTTP server: security headers, the same-origin
// check, trusted-proxy handling, compression, logging and graceful shutdown around
// Remix's request handler.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export async function startServer() {
  const config = env()
  const development = config.NODE_ENV === 'development'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY))
  app.use(securityHeaders({ development }))
  app.use(
    compression({
      filter: (req, res) =>
        !String(res.getHeader('Content-Type')).startsWith('text/event-stream') && compression.filter(req, res),
    }),
  )
  if (config.LOG_REQUESTS) app.use(requestLog)

  let build: () => Promise<ServerBuild>
  const vite = development
    ? await import('vite').then(({ createServer }) => createServer({ server: { middlewareMode: true } }))
    : null
  if (vite) {
    app.use(vite.middlewares)
    build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    const clientDir = path.join(root, 'build/client')
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }))
    // Other public files (favicon, robots.txt); only paths with an extension touch the disk.
    const publicFiles = express.static(clientDir, { maxAge: '1h', index: false })
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
    const loaded = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
    build = async () => loaded
  }

  app.use(publicHost)
  app.use(sameOriginOnly)
  app.use(noStore)
  app.all(
    '/{*splat}',
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce), clientIp: clientIpOf(req) }),
    }),
  )

  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening))
    listening.once('error', reject)
  })

  let stopping: Promise<void> | null = null
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting, let in-flight requests finish, end live streams, close the DB.
      const closed = new Promise((resolve) => server.close(resolve))
      server.closeIdleConnections()
      const entry = (await build()).entry.module as { shutdown?: () => Promise<void> }
      await entry.shutdown?.()
      const force = setTimeout(() => server.closeAllConnections(), 10_000)
      await closed
      clearTimeout(force)
      await vite?.close()
    })())
  return { server, stop, port: config.PORT, host: config.HOST }
}
