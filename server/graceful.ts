import net from 'node:net'
import type { Server } from 'node:http'
import type { NextFunction, Request, Response } from 'express'

// Draining on SIGTERM without dropping a request. `server.close()` (Node 19+) and
// `closeIdleConnections()` close keep-alive sockets that look idle, but a request may be
// on its way on one of them: the client then sees a reset. Instead, after the signal,
// every response says `Connection: close` (Node closes the socket once it is sent), and
// a socket with nothing in flight is closed only after it stayed idle for a grace period.

const IDLE_GRACE_MS = 1000

type State = { active: number; idleSince: number }

export function gracefulDrain() {
  const sockets = new Map<net.Socket, State>()
  let stopping = 0

  /** First middleware: counts requests per socket, and asks clients to close after the signal. */
  function track(req: Request, res: Response, next: NextFunction) {
    const state = sockets.get(req.socket)
    if (state) state.active++
    if (stopping) res.setHeader('Connection', 'close')
    // A live stream never ends by itself: none starts while draining.
    if (stopping && req.path === '/session/events') {
      res.status(503).set('Retry-After', '5').type('text/plain').send('Doorman is restarting. Try again in a moment.')
      return
    }
    res.once('close', () => {
      if (!state) return
      state.active--
      state.idleSince = Date.now()
    })
    next()
  }

  function attach(server: Server) {
    server.on('connection', (socket: net.Socket) => {
      sockets.set(socket, { active: 0, idleSince: Date.now() })
      socket.once('close', () => sockets.delete(socket))
    })
  }

  /**
   * Stops accepting connections, lets every request in flight finish, closes sockets as
   * they fall idle, and resolves when none is left (or destroys them at `timeoutMs`).
   */
  function drain(server: Server, timeoutMs: number): Promise<void> {
    stopping = Date.now()
    // net.Server's close stops listening without http.Server's closing of idle sockets.
    net.Server.prototype.close.call(server)
    return new Promise((resolve) => {
      const tick = setInterval(() => {
        const now = Date.now()
        for (const [socket, state] of sockets) {
          const idleFor = now - Math.max(state.idleSince, stopping)
          if (state.active === 0 && idleFor >= IDLE_GRACE_MS && !socket.destroyed) socket.end()
        }
        if (sockets.size === 0 || now - stopping > timeoutMs) {
          clearInterval(tick)
          for (const socket of sockets.keys()) socket.destroy()
          resolve()
        }
      }, 50)
    })
  }

  return { track, attach, drain, isStopping: () => stopping > 0 }
}
