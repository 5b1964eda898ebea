import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from '~/env.server.ts'
import { absoluteUrl, originPolicy, parsePublicOrigin } from './public-origin.server.ts'

describe('PUBLIC_ORIGIN', () => {
  test('accepts scheme, host and optional port, normalised', () => {
    expect(parsePublicOrigin('https://doorman.example.com')).toEqual({ origin: 'https://doorman.example.com' })
    expect(parsePublicOrigin('https://Doorman.Example.com:8443/')).toEqual({
      origin: 'https://doorman.example.com:8443',
    })
    expect(parsePublicOrigin('http://[::1]:3000')).toEqual({ origin: 'http://[::1]:3000' })
    expect(parseEnv({ PUBLIC_ORIGIN: 'https://doorman.example.com/' }).PUBLIC_ORIGIN).toBe(
      'https://doorman.example.com',
    )
  })

  test('refuses a path, query, fragment, credentials, another scheme or garbage, naming the variable', () => {
    for (const bad of [
      'https://doorman.example.com/app',
      'https://doorman.example.com?x=1',
      'https://doorman.example.com#top',
      'https://user:pw@doorman.example.com',
      'ftp://doorman.example.com',
      'doorman.example.com',
      'https://',
    ]) {
      expect(() => parseEnv({ PUBLIC_ORIGIN: bad }), bad).toThrow(EnvError)
      expect(() => parseEnv({ PUBLIC_ORIGIN: bad }), bad).toThrow(/Invalid PUBLIC_ORIGIN=/)
    }
  })

  test('defaults, on a loopback install, to localhost, accepting the listening address and its loopback aliases', () => {
    const policy = originPolicy({ HOST: '127.0.0.1', PORT: 3000 })
    expect(policy.origin).toBe('http://localhost:3000')
    expect([...policy.allowed!].sort()).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000'])
    expect(originPolicy({ HOST: '::1', PORT: 80 }).origin).toBe('http://localhost')
  })

  test('without the setting on a non-loopback address, the request itself is the reference', () => {
    expect(originPolicy({ HOST: '0.0.0.0', PORT: 3000 }).allowed).toBeNull()
  })

  test('builds absolute URLs on the public origin', () => {
    const policy = originPolicy({ PUBLIC_ORIGIN: 'https://doorman.example.com', HOST: '127.0.0.1', PORT: 4551 })
    expect(absoluteUrl(policy, '/devices')).toBe('https://doorman.example.com/devices')
  })
})
