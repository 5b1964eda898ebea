import net from 'node:net'

/**
 * A TCP forwarder to stand between an app and PostgreSQL in tests: `stop()` cuts every
 * connection and refuses new ones (the database "goes down" for that client only, the
 * shared server keeps running); `start()` brings it back on the same port.
 */
export function tcpProxy(target: { host: string; port: number }, port: number) {
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null

  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => {
            client.destroy()
            upstream.destroy()
          })
        }
        client.pipe(upstream).pipe(client)
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      sockets.clear()
      if (!server) return resolve()
      server.close(() => resolve())
      server = null
    })

  return { start, stop, port, url: (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}` }
}
