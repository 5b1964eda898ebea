// PostgreSQL errors that mean "the database cannot serve us now" (down, restarting,
// unreachable, out of connections), as opposed to a bug in a query. They become the
// same plain 503 as an unavailable SQLite file (app/db.server.ts); the connection pool
// replaces broken connections by itself, so the next request succeeds once it is back.

// SQLSTATE classes: 08 connection exception; 57P01 admin shutdown, 57P02 crash shutdown,
// 57P03 cannot connect now (starting up / recovery); 53300 too many connections.
const unavailableCodes = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/

const unavailableMessages =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection terminated|Connection ended|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Client has encountered a connection error/i

function codesOf(error: unknown): string[] {
  const codes: string[] = []
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 4) return
    const record = value as Record<string, unknown>
    for (const key of ['code', 'originalCode']) if (typeof record[key] === 'string') codes.push(record[key])
    for (const key of ['cause', 'meta', 'driverAdapterError']) visit(record[key], depth + 1)
  }
  visit(error, 0)
  return codes
}

export function isPostgresUnavailable(error: unknown): boolean {
  if (codesOf(error).some((code) => unavailableCodes.test(code) || unavailableMessages.test(code))) return true
  const message = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)
  return unavailableMessages.test(message)
}
