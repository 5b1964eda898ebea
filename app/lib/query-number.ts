/**
 * A positive whole number from the query string, or undefined. `?before=1e309`,
 * `Infinity`, `-5` or `abc` would otherwise reach a query as a number SQLite cannot bind.
 */
export function positiveIntParam(url: URL, name: string): number | undefined {
  const value = Number(url.searchParams.get(name))
  return Number.isSafeInteger(value) && value > 0 ? value : undefined
}
