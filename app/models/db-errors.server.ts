// Prisma's error codes are the same on every database it talks to, so these checks hold
// on SQLite and PostgreSQL alike.

const codeOf = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined

/** A write refused by a unique constraint (P2002), e.g. a second account for one email. */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === 'P2002'
}

/**
 * A transaction the database aborted because it conflicted with another (P2034:
 * PostgreSQL's deadlock or serialization failure). Running it again is safe.
 */
export function isTransactionConflict(error: unknown): boolean {
  return codeOf(error) === 'P2034'
}
