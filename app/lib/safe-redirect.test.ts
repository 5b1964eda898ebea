import { describe, expect, test } from 'vitest'
import { safeRedirect } from '~/lib/safe-redirect.ts'

describe('safeRedirect', () => {
  test('follows same-site paths', () => {
    expect(safeRedirect('/devices?x=1')).toBe('/devices?x=1')
    expect(safeRedirect('/admin/users/abc')).toBe('/admin/users/abc')
  })

  test('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      null,
      undefined,
      '/\nLocation: x',
    ]) {
      expect(safeRedirect(bad)).toBe('/devices')
    }
  })
})
