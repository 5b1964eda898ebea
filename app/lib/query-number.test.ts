import { describe, expect, test } from 'vitest'
import { positiveIntParam } from './query-number.ts'

const param = (query: string) => positiveIntParam(new URL(`http://x/devices?${query}`), 'before')

describe('positiveIntParam', () => {
  test('passes positive whole numbers', () => {
    expect(param('before=42')).toBe(42)
  })
  test.each([
    'before=1e309',
    'before=-1e309',
    'before=Infinity',
    'before=NaN',
    'before=-3',
    'before=1.5',
    'before=',
    '',
  ])('drops %s', (query) => expect(param(query)).toBeUndefined())
  test('drops numbers beyond the safe integer range', () => {
    expect(param('before=9007199254740993')).toBeUndefined()
  })
})
