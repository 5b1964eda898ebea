import { describe, expect, test } from 'vitest'
import { createDb, isDatabaseUnavailable } from '~/db.server.ts'

describe('an unavailable database', () => {
  test('answers with a 503 Response, not a crash', async () => {
    const missing = createDb('file:/nonexistent-directory/doorman.db')
    const error = await missing.user.count().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Response)
    expect((error as Response).status).toBe(503)
    expect(await (error as Response).text()).toMatch(/database is not available/)
  })

  test('raw queries too', async () => {
    const missing = createDb('file:/nonexistent-directory/doorman.db')
    const error = await missing.$queryRawUnsafe('SELECT 1').catch((thrown: unknown) => thrown)
    expect((error as Response).status).toBe(503)
  })

  test('ordinary errors stay errors', () => {
    expect(isDatabaseUnavailable(new Error('Unique constraint failed'))).toBe(false)
    expect(isDatabaseUnavailable(new Error('SQLITE_BUSY: database is locked'))).toBe(true)
  })
})
