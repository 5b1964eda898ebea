import { describe, expect, test } from 'vitest'
import { brandFromHints, hintValue, parseBrandList, unquoteHint } from './client-hints.ts'

describe('hintValue and unquoteHint', () => {
  test('blank or non-string hints are absent', () => {
    for (const blank of [undefined, null, '', '   ', 42, {}]) expect(hintValue(blank)).toBeNull()
    expect(hintValue(' ?1 ')).toBe('?1')
    expect(hintValue('x'.repeat(10_000))).toHaveLength(512)
  })

  test('unquotes structured-field strings; "" is absent', () => {
    expect(unquoteHint('"Pixel 8"')).toBe('Pixel 8')
    expect(unquoteHint('"Windows"')).toBe('Windows')
    expect(unquoteHint('"say \\"hi\\""')).toBe('say "hi"')
    expect(unquoteHint('""')).toBeNull()
    expect(unquoteHint('" "')).toBeNull()
    expect(unquoteHint('"')).toBe('"')
  })
})

describe('parseBrandList', () => {
  test('reads every brand and version, GREASE included', () => {
    expect(parseBrandList('"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"')).toEqual([
      { brand: 'Brave', version: '131' },
      { brand: 'Chromium', version: '131' },
      { brand: 'Not_A Brand', version: '24' },
    ])
  })

  test('tolerates odd spacing and ignores what does not parse', () => {
    expect(parseBrandList('"Opera" ; v="116",garbage, "Chromium";v=""')).toEqual([
      { brand: 'Opera', version: '116' },
      { brand: 'Chromium', version: null },
    ])
    expect(parseBrandList('not a list')).toEqual([])
    expect(parseBrandList(null)).toEqual([])
  })
})

describe('brandFromHints', () => {
  test('maps vendor names and skips GREASE and Chromium', () => {
    expect(brandFromHints({ brands: '"Not/A)Brand";v="8", "Chromium";v="131", "Google Chrome";v="131"' })).toEqual({
      brand: 'Chrome',
      version: '131',
    })
    expect(brandFromHints({ brands: '"Microsoft Edge";v="131", "Chromium";v="131", "Not_A Brand";v="24"' })).toEqual({
      brand: 'Edge',
      version: '131',
    })
    expect(brandFromHints({ brands: '"Samsung Internet";v="26", "Chromium";v="122"' })?.brand).toBe('Samsung Internet')
    expect(brandFromHints({ brands: '"Vivaldi";v="7", "Chromium";v="131"' })?.brand).toBe('Vivaldi')
  })

  test('prefers the full version list', () => {
    const hints = {
      brands: '"Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
      fullVersionList: '"Brave";v="131.0.6778.86", "Chromium";v="131.0.6778.86", "Not_A Brand";v="24.0.0.0"',
    }
    expect(brandFromHints(hints)).toEqual({ brand: 'Brave', version: '131.0.6778.86' })
  })

  test('Chromium only when nothing more specific is listed; nothing when only GREASE', () => {
    expect(brandFromHints({ brands: '"Chromium";v="131", "Not_A Brand";v="24"' })?.brand).toBe('Chromium')
    expect(brandFromHints({ brands: '"Not_A Brand";v="24"' })).toBeNull()
    expect(brandFromHints({})).toBeNull()
  })

  test('a brand named after an Object.prototype key stays a plain string', () => {
    expect(brandFromHints({ brands: '"constructor";v="1"' })).toEqual({ brand: 'constructor', version: '1' })
  })
})
