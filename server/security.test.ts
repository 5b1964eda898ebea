import type { NextFunction, Request, Response } from 'express'
import { describe, expect, test } from 'vitest'
import { securityHeaders } from './security.ts'

function headersFor(middleware: ReturnType<typeof securityHeaders>) {
  const headers: Record<string, string> = {}
  const res = {
    locals: {} as Record<string, unknown>,
    setHeader: (name: string, value: string) => (headers[name] = value),
  }
  middleware({} as Request, res as unknown as Response, (() => {}) as NextFunction)
  return { headers, nonce: res.locals.cspNonce as string }
}

describe('security headers', () => {
  test('give every response its own 128-bit nonce, the one its CSP names', () => {
    const middleware = securityHeaders({ development: false })
    const seen = new Set<string>()
    for (let n = 0; n < 1000; n++) {
      const { headers, nonce } = headersFor(middleware)
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
      expect(headers['Content-Security-Policy']).toContain(`script-src 'self' 'nonce-${nonce}'; style-src 'self';`)
      seen.add(nonce)
    }
    expect(seen.size).toBe(1000)
  })

  test('allow inline scripts and the dev socket only in development', () => {
    const production = headersFor(securityHeaders({ development: false })).headers['Content-Security-Policy']!
    const development = headersFor(securityHeaders({ development: true })).headers['Content-Security-Policy']!
    expect(production).not.toContain('unsafe-inline')
    expect(production).toContain("connect-src 'self';")
    expect(development).toMatch(/script-src 'self' 'nonce-[^']+' 'unsafe-inline'; style-src 'self' 'unsafe-inline';/)
    expect(development).toContain("connect-src 'self' ws: wss:;")
    expect(production).toContain("base-uri 'none'")
  })
})
