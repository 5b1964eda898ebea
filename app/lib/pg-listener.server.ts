import pg from 'pg'

// One dedicated PostgreSQL connection per process that LISTENs on a channel (decision
// 015). It is not taken from Prisma's pool (a pooled connection is handed to other
// queries) and must not go through a transaction-pooling proxy (LISTEN needs a session).
// It reconnects by itself with back-off; notifications sent while it was away are lost,
// so every (re)connection calls `onConnected`, and the caller re-checks what it watches.

export type PgListenerOptions = {
  connectionString: string
  channel: string
  onNotify: (payload: string) => void
  /** After every successful LISTEN, the first one included. */
  onConnected: () => void
  /** Liveness check of an idle connection (a dead TCP peer is otherwise unnoticed). */
  pingMs?: number
  backoff?: { minMs: number; maxMs: number }
  log?: (message: string) => void
}

export class PgListener {
  private client: pg.Client | null = null
  private closed = false
  private attempt = 0
  private retryTimer: NodeJS.Timeout | null = null
  private pingTimer: NodeJS.Timeout | null = null
  private connecting: Promise<void> | null = null

  constructor(private readonly options: PgListenerOptions) {}

  /** The backend process id of the listening connection, when connected. */
  get pid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null
  }

  get connected() {
    return this.client !== null
  }

  start() {
    if (this.closed || this.client || this.connecting || this.retryTimer) return
    this.connecting = this.connect().finally(() => (this.connecting = null))
  }

  private async connect() {
    const { connectionString, channel } = this.options
    const client = new pg.Client({
      connectionString,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      application_name: 'doorman live listener',
    })
    client.on('error', (error) => this.lost(client, error))
    client.on('end', () => this.lost(client, null))
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) this.options.onNotify(message.payload)
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      client.removeAllListeners('end')
      client.end().catch(() => {})
      this.retry(error)
      return
    }
    if (this.closed) return void client.end().catch(() => {})
    this.client = client
    if (this.attempt > 0) this.options.log?.('live updates: listening again')
    this.attempt = 0
    this.startPing(client)
    this.options.onConnected()
  }

  private lost(client: pg.Client, error: unknown) {
    if (this.client !== client) return
    this.client = null
    this.stopPing()
    client.removeAllListeners('end')
    client.end().catch(() => {})
    if (!this.closed) this.retry(error)
  }

  private retry(error: unknown) {
    if (this.closed) return
    const { minMs, maxMs } = this.options.backoff ?? { minMs: 100, maxMs: 5_000 }
    const delay = Math.min(maxMs, minMs * 2 ** this.attempt) * (0.75 + Math.random() / 2)
    this.attempt++
    const reason = error instanceof Error ? error.message : 'connection closed'
    this.options.log?.(`live updates: listener disconnected (${reason}); retrying in ${Math.round(delay)} ms`)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.start()
    }, delay)
    this.retryTimer.unref()
  }

  private startPing(client: pg.Client) {
    const every = this.options.pingMs ?? 30_000
    this.pingTimer = setInterval(() => {
      const timeout = setTimeout(() => this.lost(client, new Error('ping timed out')), 10_000)
      client
        .query('SELECT 1')
        .catch((error: unknown) => this.lost(client, error))
        .finally(() => clearTimeout(timeout))
    }, every)
    this.pingTimer.unref()
  }

  private stopPing() {
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = null
  }

  /** Stops listening for good; waits for the connection to close. */
  async close() {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.stopPing()
    await this.connecting
    const client = this.client
    this.client = null
    if (client) {
      client.removeAllListeners('end')
      await client.end().catch(() => {})
    }
  }
}

/** NOTIFY payloads must stay under 8000 bytes: split a list of ids into several. */
export function chunkPayloads(prefix: string, ids: string[], limit = 7_900): string[] {
  const payloads: string[] = []
  let current = ''
  for (const id of ids) {
    if (current && Buffer.byteLength(prefix + current + ',' + id) > limit) {
      payloads.push(prefix + current)
      current = ''
    }
    current = current ? `${current},${id}` : id
  }
  if (current) payloads.push(prefix + current)
  return payloads
}
