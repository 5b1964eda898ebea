import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { mailSettings, requireMailFrom } from './mail-env.ts'
import { parsePublicOrigin } from './lib/public-origin.server.ts'

// Configuration comes only from the environment and is validated once, at start.
// Every variable is listed with its default in .env.example and the README.

const durationPattern = /^(\d+)(ms|s|m|h|d)$/
const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** A duration such as `90s`, `30m`, `12h` or `7d`, in milliseconds. */
const duration = z
  .string()
  .regex(durationPattern, 'expected a duration such as 90s, 30m, 12h or 7d')
  .transform((value) => {
    const [, amount, unit] = durationPattern.exec(value) as unknown as [string, string, keyof typeof unitMs]
    return Number(amount) * unitMs[unit]
  })

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')

const defaultDatabaseUrl = `file:${path.resolve('data/doorman.db')}`

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce
      .number({ error: 'expected a port number from 1 to 65535' })
      .int('expected a port number from 1 to 65535')
      .min(1, 'expected a port number from 1 to 65535')
      .max(65535, 'expected a port number from 1 to 65535')
      .default(3000),
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/[^/\s]+\/[^/?\s]+(\?\S*)?)$/i,
        'expected a SQLite URL such as file:./data/doorman.db or a PostgreSQL URL such as postgresql://doorman@127.0.0.1:5432/doorman',
      )
      .default(defaultDatabaseUrl),
    LISTEN_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'expected a PostgreSQL URL that bypasses any transaction-pooling proxy')
      .optional(),
    PUBLIC_ORIGIN: z
      .string()
      .transform((value, context) => {
        const parsed = parsePublicOrigin(value)
        if ('origin' in parsed) return parsed.origin
        context.addIssue({ code: 'custom', message: parsed.error })
        return z.NEVER
      })
      .optional(),
    TRUST_PROXY: z
      .string()
      .default('false')
      .refine(
        (value) => /^(false|true|\d+|[\w.:/,\s-]+)$/.test(value),
        'expected false, a hop count, or a list of proxy addresses',
      ),
    COOKIE_SECURE: flag.default(true),
    SIGNUP_ENABLED: flag.default(true),
    SESSION_IDLE_TIMEOUT: duration.default(7 * unitMs.d),
    SESSION_ABSOLUTE_LIFETIME: duration.default(30 * unitMs.d),
    SESSION_ABSOLUTE_LIFETIME_SHORT: duration.default(12 * unitMs.h),
    SESSION_TOUCH_INTERVAL: duration.default(60 * unitMs.s),
    REAUTH_WINDOW: duration.default(10 * unitMs.m),
    MAX_SESSIONS_PER_USER: z.coerce.number().int().min(0, 'expected 0 (no cap) or more').default(50),
    THEFT_DETECTION: flag.default(true),
    ENDED_SESSION_RETENTION: duration.default(30 * unitMs.d),
    PRUNE_INTERVAL: duration.default(10 * unitMs.m),
    LOG_REQUESTS: flag.default(true),
    SEED_DEMO_DATA: flag.default(true),
    SIGNUP_FREE_PER_IP: z.coerce.number().int().min(1, 'expected 1 or more').default(10),
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1, 'expected 1 or more').default(2),
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0, 'expected 0 or more').default(16),
    PASSWORD_HASH_MAX_WAIT: duration.default(3 * unitMs.s),
    /** A MaxMind-DB file (GeoLite2 or DB-IP city) instead of the bundled DB-IP country data. */
    GEOIP_DATABASE: z
      .string()
      .refine((file) => fs.existsSync(file), 'no such file')
      .optional(),
    ...mailSettings,
  })
  .superRefine(requireMailFrom)

export type Env = z.infer<typeof envSchema>

/** Parses an environment; throws one line per bad variable, naming it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''))
  const result = envSchema.safeParse(input)
  if (result.success) return result.data
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0])
    return `Invalid ${name}=${JSON.stringify(source[name] ?? '')}: ${issue.message}`
  })
  throw new EnvError(lines.join('\n'))
}

export class EnvError extends Error {
  override name = 'EnvError'
}

let cached: Env | undefined

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
