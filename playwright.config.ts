import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, defineConfig } from '@playwright/test'
import { smtpPort } from './tests/e2e/support/mail-config.ts'

const root = path.dirname(fileURLToPath(import.meta.url))
// E2E_PORT lets two runs (say, two people on one machine) use separate servers and databases.
const port = Number(process.env.E2E_PORT ?? 3100)
const baseURL = `http://localhost:${port}`
const e2eDatabase = path.join(root, port === 3100 ? 'tests/.tmp/e2e.db' : `tests/.tmp/e2e-${port}.db`)

// Playwright cannot download its own browser on this network, so Debian's Chromium
// comes first; Playwright's own build is the fallback where it was installed.
const debianChromium = '/usr/bin/chromium'
function chromiumExecutable(): string | undefined {
  if (fs.existsSync(debianChromium)) return debianChromium
  if (fs.existsSync(chromium.executablePath())) return undefined
  const error = new Error(
    'No Chromium found: run `apt-get install -y chromium` (Debian) or `npx playwright install chromium`.',
  )
  // The message says all there is to do; a stack trace into this config would only bury it.
  error.stack = `${error.name}: ${error.message}`
  throw error
}

const chromiumUse = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromiumExecutable(),
    // Without the networking flags Chromium floods this closed network with refused connections.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  },
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: port === 3100 ? 'test-results' : `test-results/e2e-${port}`,
  fullyParallel: true,
  // Every sign-up hashes with Argon2 and pages now carry more (notices, locations): on a
  // shared 2-core machine a multi-device test takes 15-60 s (four or five browsers at once,
  // two tests at a time), so the limit leaves room for a slow day. Speed is measured in
  // `npm run bench`, not here.
  timeout: 120_000,
  workers: process.env.CI ? 2 : undefined,
  // One retry in CI, for one known app race: a live refresh landing during a redirect can drop
  // that page's one-time notice (the fix is on branch `flash`). A retried test is reported as
  // flaky in tests/.tmp/playwright.json and in the list output; two failures still fail.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: 'tests/.tmp/playwright.json' }]],
  // A real SMTP server that the e2e server sends its mail to (tests/e2e/mail*.spec.ts read it).
  globalSetup: './tests/e2e/support/mail-sink-setup.ts',
  use: {
    baseURL,
    // A failed test keeps its trace (actions, DOM snapshots, network, console). Without the
    // screencast: recording a JPEG stream of every page of every test costs CPU on a 2-core
    // machine, and the trace viewer shows the DOM snapshots of each step instead.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  projects: [
    { name: 'chromium', testIgnore: /admin-everyone\.spec\.ts/, use: chromiumUse },
    // "Sign out everyone" ends every session in the shared database, so it runs only
    // after every other test has finished.
    { name: 'sign-out-everyone', testMatch: /admin-everyone\.spec\.ts/, dependencies: ['chromium'], use: chromiumUse },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the server finish requests and close SQLite instead of being SIGKILLed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${e2eDatabase}`,
      LOG_REQUESTS: 'false',
      // Every test signs up its own users, all from 127.0.0.1.
      SIGNUP_FREE_PER_IP: '100000',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Doorman <doorman@example.com>',
    },
  },
})
