import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { env } from '../app/env.server.ts'
import { clientIpOf, trustProxySetting } from './client-ip.ts'
import { compressResponses } from './compression.ts'
import { gracefulDrain } from './graceful.ts'
import { requestLog } from './request-log.ts'
import { plainErrors, requestGuard, retryAfterOn503 } from './request-guard.ts'
import { recordRefusals } from './refusal-log.ts'
import { fetchMetadataPolicy, noStore, publicHost, sameOriginOnly, securityHeaders } from './security.ts'
import { cspReports } from './csp-report.ts'

// The production (and development) HTTP server: security headers, the same-origin
// check, trusted-proxy handling, compression, logging and graceful shutdown around
// Remix's request handler.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** `buildDir`: another build of the app (the benchmark's); the production one by default. */
export async function startServer(options: { buildDir?: string } = {}) {
  const config = env()
  const development = config.NODE_ENV === 'development'
  const app = express()
  const drain = gracefulDrain()
  app.use(drain.track)
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY))
  app.use(securityHeaders({ development }))
  app.use(compressResponses())
  if (config.LOG_REQUESTS) app.use(requestLog)
  app.use(requestGuard)
  app.use(retryAfterOn503)

  // In production the loaded build itself, not a function returning it: Remix then derives
  // its route table once instead of on every request (~13% of the CPU of a page).
  let build: ServerBuild | (() => Promise<ServerBuild>)
  const vite = development
    ? await import('vite').then(({ createServer }) => createServer({ server: { middlewareMode: true } }))
    : null
  if (vite) {
    app.use(vite.middlewares)
    build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    const buildDir = options.buildDir ?? path.join(root, 'build')
    const clientDir = path.join(buildDir, 'client')
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }))
    // Other public files (favicon, robots.txt): listed once at start, so that no other
    // request (`/_root.data` has an extension too) costs a disk lookup (~8% of its CPU).
    const publicFiles = express.static(clientDir, { maxAge: '1h', index: false })
    const publicPaths = new Set(
      fs
        .readdirSync(clientDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map(
          (entry) => `/${path.relative(clientDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`,
        )
        .filter((name) => !name.startsWith('/assets/')),
    )
    app.use((req, res, next) => (publicPaths.has(req.path) ? publicFiles(req, res, next) : next()))
    build = (await import(path.join(buildDir, 'server/index.js'))) as ServerBuild
  }

  const refusals = await import('../app/models/refusal-events.server.ts')
  app.use(recordRefusals(refusals.noteRefusal))
  app.post('/csp-report', cspReports)
  app.use(fetchMetadataPolicy)
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
  app.use(plainErrors)

  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening))
    listening.once('error', reject)
  })

  drain.attach(server)

  let stopping: Promise<void> | null = null
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting; end live streams (they never finish by themselves); let every
      // request in flight finish on its keep-alive socket; then close the database.
      const entry = (typeof build === 'function' ? await build() : build).entry.module as {
        endLiveStreams?: () => void
        shutdown?: () => Promise<void>
      }
      const drained = drain.drain(server, 10_000)
      entry.endLiveStreams?.()
      await drained
      await refusals.flushRefusals()
      await entry.shutdown?.()
      await vite?.close()
    })())
  return { server, stop, port: config.PORT, host: config.HOST }
}
