import { z } from 'zod'

// The user list's query: search, filters, sort and page, all in the URL (a GET form), so
// that any view can be bookmarked or shared. Bad values fall back to defaults.

export const userSorts = ['last-active', 'created', 'sessions'] as const
export type UserSort = (typeof userSorts)[number]
export const USERS_PAGE_SIZE = 25

const loose = <T extends z.ZodTypeAny>(schema: T, fallback: z.infer<T>) => schema.catch(fallback)

export const userQuerySchema = z.object({
  q: loose(z.string().trim().max(100), ''),
  role: loose(z.enum(['', 'user', 'admin']), ''),
  disabled: loose(z.enum(['', 'yes', 'no']), ''),
  sessions: loose(z.enum(['', 'with', 'without']), ''),
  sort: loose(z.enum(userSorts), 'last-active'),
  page: loose(z.coerce.number().int().min(1).max(100_000), 1),
})

export type UserQuery = z.infer<typeof userQuerySchema>

export function parseUserQuery(params: URLSearchParams): UserQuery {
  return userQuerySchema.parse(
    Object.fromEntries(Object.keys(userQuerySchema.shape).map((key) => [key, params.get(key) ?? undefined])),
  )
}

/** The query string for a view, leaving defaults out so that URLs stay short. */
export function userQueryString(query: UserQuery, changes: Partial<UserQuery> = {}): string {
  const next = { ...query, ...changes }
  const params = new URLSearchParams()
  if (next.q) params.set('q', next.q)
  if (next.role) params.set('role', next.role)
  if (next.disabled) params.set('disabled', next.disabled)
  if (next.sessions) params.set('sessions', next.sessions)
  if (next.sort !== 'last-active') params.set('sort', next.sort)
  if (next.page > 1) params.set('page', String(next.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
