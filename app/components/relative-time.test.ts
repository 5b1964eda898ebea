import { describe, expect, test } from 'vitest'
import { exactTime, localExactTime } from './relative-time.tsx'

describe('exact times', () => {
  const date = new Date(Date.UTC(2026, 11, 1, 15, 4))
  test('the server (and a page without JavaScript) says UTC', () => {
    expect(exactTime(date)).toBe('1 Dec 2026, 15:04 UTC')
  })
  test("the browser's version names the reader's zone", () => {
    const text = localExactTime(date)
    expect(text).toMatch(/2026/)
    expect(text).toMatch(/\d{2}:\d{2}/)
    expect(text).toMatch(/UTC|GMT|[A-Z]{3,4}/)
  })
})
