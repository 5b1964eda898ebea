import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '~/env.server.ts'
import { root } from '../setup/paths.ts'

/** The EnvError that parsing `source` throws (the test fails if it does not throw one). */
function envErrorOf(source: Record<string, string>): EnvError {
  try {
    parseEnv(source)
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError)
    return error as EnvError
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`)
}

describe('parseEnv', () => {
  it('gives every variable a working default', () => {
    const config = parseEnv({})
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: 3000,
      COOKIE_SECURE: true,
      SIGNUP_ENABLED: true,
      THEFT_DETECTION: true,
      LOG_REQUESTS: true,
      MAX_SESSIONS_PER_USER: 50,
      SESSION_IDLE_TIMEOUT: 7 * 24 * 60 * 60_000,
      SESSION_ABSOLUTE_LIFETIME: 30 * 24 * 60 * 60_000,
    })
    expect(config.DATABASE_URL).toMatch(/^file:.+doorman\.db$/)
  })

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ PORT: '' }).PORT).toBe(3000)
  })

  it('reads numbers, flags and durations', () => {
    const config = parseEnv({
      PORT: '8080',
      LOG_REQUESTS: 'false',
      COOKIE_SECURE: '0',
      SESSION_IDLE_TIMEOUT: '30m',
      REAUTH_WINDOW: '90s',
      SESSION_ABSOLUTE_LIFETIME_SHORT: '12h',
      ENDED_SESSION_RETENTION: '7d',
      SESSION_TOUCH_INTERVAL: '500ms',
      MAX_SESSIONS_PER_USER: '0',
    })
    expect(config).toMatchObject({
      PORT: 8080,
      LOG_REQUESTS: false,
      COOKIE_SECURE: false,
      SESSION_IDLE_TIMEOUT: 30 * 60_000,
      REAUTH_WINDOW: 90_000,
      SESSION_ABSOLUTE_LIFETIME_SHORT: 12 * 60 * 60_000,
      ENDED_SESSION_RETENTION: 7 * 24 * 60 * 60_000,
      SESSION_TOUCH_INTERVAL: 500,
      MAX_SESSIONS_PER_USER: 0,
    })
  })

  it.each(['abc', '70000', '0', '3000.5'])('rejects PORT=%s with one line naming PORT', (port) => {
    const error = envErrorOf({ PORT: port })
    expect(error.message).toContain('PORT')
    expect(error.message).not.toContain('\n')
  })

  it.each([
    'file:./data/doorman.db',
    'postgresql://postgres@127.0.0.1:5432/doorman',
    'postgres://doorman:secret@db.internal/doorman?sslmode=require',
  ])('accepts DATABASE_URL=%s (SQLite or PostgreSQL)', (url) => {
    expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url)
  })

  it.each(['postgres://x', 'postgresql://host:5432/', 'mysql://host/db', 'nonsense', 'file:'])(
    'rejects DATABASE_URL=%s, naming it',
    (url) => {
      const error = envErrorOf({ DATABASE_URL: url })
      expect(error.message).toContain('DATABASE_URL')
      expect(error.message).not.toContain('\n')
    },
  )

  it.each(['30', '30x', 'm30', '1.5h'])('rejects the duration SESSION_IDLE_TIMEOUT=%s', (value) => {
    expect(envErrorOf({ SESSION_IDLE_TIMEOUT: value }).message).toContain('SESSION_IDLE_TIMEOUT')
  })

  it('rejects MAX_SESSIONS_PER_USER=-1', () => {
    expect(envErrorOf({ MAX_SESSIONS_PER_USER: '-1' }).message).toContain('MAX_SESSIONS_PER_USER')
  })

  it('names every bad variable, one line each', () => {
    const lines = envErrorOf({ PORT: 'abc', DATABASE_URL: 'nonsense' }).message.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines.some((line) => line.includes('PORT'))).toBe(true)
    expect(lines.some((line) => line.includes('DATABASE_URL'))).toBe(true)
  })
})

describe('npm start with a bad environment', () => {
  let scratchDir: string

  beforeAll(() => {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorman-env-'))
  })

  afterAll(() => {
    fs.rmSync(scratchDir, { recursive: true, force: true })
  })

  // The server must refuse to start, fast, with one readable line and no stack trace.
  function start(overrides: Record<string, string>) {
    const started = Date.now()
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${path.join(scratchDir, 'never-created.db')}`, ...overrides },
      encoding: 'utf8',
      timeout: 20_000,
    })
    return { ...result, seconds: (Date.now() - started) / 1000 }
  }

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'nonsense' }],
  ])('exits non-zero with one line naming %s', (name, overrides) => {
    const result = start(overrides)
    expect(result.error).toBeUndefined()
    expect(result.status).not.toBe(0)
    expect(result.status).not.toBeNull()
    expect(result.seconds).toBeLessThan(10)
    const stderr = result.stderr.trim()
    expect(stderr.split('\n')).toHaveLength(1)
    expect(stderr).toContain(name)
    expect(stderr).not.toContain('    at ')
    expect(fs.existsSync(path.join(scratchDir, 'never-created.db'))).toBe(false)
  })
})

describe('SEED_DEMO_DATA', () => {
  it('defaults to true, can be switched off, and rejects anything else by name', () => {
    expect(parseEnv({}).SEED_DEMO_DATA).toBe(true)
    expect(parseEnv({ SEED_DEMO_DATA: 'false' }).SEED_DEMO_DATA).toBe(false)
    expect(() => parseEnv({ SEED_DEMO_DATA: 'maybe' })).toThrow(/SEED_DEMO_DATA/)
  })
})
