// Measures parseDevice against ua-parser's uap-core test files (Apache-2.0), which are not
// shipped with Doorman: point it at a checkout's tests/ folder.
//   npx tsx scripts/device-corpus.ts /path/to/uap-core/tests [--limit 3000]
// Only web browser UAs ("Mozilla/…", "Opera…") are measured: nothing else signs in.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseDevice, type DeviceInfo } from '../app/session/device.ts'

type Case = Record<string, string | null> & { user_agent_string: string }
type Tally = { right: number; total: number; misses: string[] }

const dir = process.argv[2]
if (!dir) {
  console.error('usage: tsx scripts/device-corpus.ts <uap-core/tests folder> [--limit N]')
  process.exit(2)
}
const limitAt = process.argv.indexOf('--limit')
const limit = limitAt > 0 ? Number(process.argv[limitAt + 1]) : 3000

// uap-core's spellings → Doorman's (both sides are compared lower-cased).
const ALIASES = new Map([
  ['mobile safari', 'safari'],
  ['mobile safari ui/wkwebview', 'safari'],
  ['chrome mobile', 'chrome'],
  ['chrome mobile ios', 'chrome'],
  ['chrome mobile webview', 'chrome'],
  ['chrome frame', 'chrome'],
  ['firefox mobile', 'firefox'],
  ['firefox ios', 'firefox'],
  ['edge mobile', 'edge'],
  ['opera mobile', 'opera'],
  ['opera mini', 'opera mini'],
  ['ie mobile', 'iemobile'],
  ['ie', 'ie'],
  ['mac os x', 'macos'],
  ['chrome os', 'chromeos'],
  ['ios', 'ios'],
  ['samsung internet', 'samsung internet'],
  ['yandex browser', 'yandex'],
  ['uc browser', 'ucbrowser'],
  ['google', 'google app'],
  ['android browser', 'android'],
  ['blackberry os', 'blackberry'],
  ['symbian os', 'symbian'],
  ['symbian^3', 'symbian'],
  ['nokia series 40', 'series40'],
  ['blackberry tablet os', 'rim tablet os'],
  ['qq browser', 'qqbrowser'],
  ['qq browser mobile', 'qqbrowser'],
  ['baidu browser', 'baidu'],
  ['baidu explorer', 'baidu'],
  ['mac os', 'macos'],
])
const norm = (value: string | null | undefined) => {
  const lower = (value ?? '').trim().toLowerCase()
  return ALIASES.get(lower) ?? lower
}

function load(file: string): Case[] {
  const cases = (parse(readFileSync(join(dir!, file), 'utf8')) as { test_cases: Case[] }).test_cases
  return cases.filter((c) => /^(Mozilla\/|Opera)/.test(c.user_agent_string))
}
// Every Nth case, so the sample spreads over the whole file and is the same on every run.
const sample = (cases: Case[]) => cases.filter((_, i) => i % Math.max(1, Math.ceil(cases.length / limit)) === 0)

const tallies = new Map<string, Tally>()
function score(field: string, expected: string, actual: string | null, ua: string) {
  const tally = tallies.get(field) ?? { right: 0, total: 0, misses: [] }
  tallies.set(field, tally)
  tally.total++
  if (norm(expected) === norm(actual)) tally.right++
  else tally.misses.push(`${expected} ≠ ${actual ?? '∅'}  ${ua}`)
}

const WINDOWS_VERSIONS = new Map([
  ['xp', 'xp'],
  ['vista', 'vista'],
  ['7', '7'],
  ['8', '8'],
  ['8.1', '8.1'],
])
const majorOf = (version: string | null) => version?.match(/^\d+/)?.[0] ?? null

const parsed = (ua: string): DeviceInfo => parseDevice(ua)

for (const c of sample(load('test_ua.yaml'))) {
  const device = parsed(c.user_agent_string)
  if (c.family === 'Other') continue
  score('browser family', c.family ?? '', device.browserName, c.user_agent_string)
  if (c.major) score('browser major', c.major, majorOf(device.browserVersion), c.user_agent_string)
}
for (const c of sample(load('test_os.yaml'))) {
  const device = parsed(c.user_agent_string)
  if (c.family === 'Other') continue
  score('OS family', c.family ?? '', device.osName, c.user_agent_string)
  // "NT 10.0" is Windows 10 or 11: only the client hints can tell, so it is not scored.
  const windows = [c.major, c.minor].filter(Boolean).join('.').toLowerCase()
  if (c.family === 'Windows' && WINDOWS_VERSIONS.has(windows) && windows !== '10')
    score('Windows version', windows, device.osVersion?.toLowerCase() ?? null, c.user_agent_string)
  if (c.family === 'Mac OS X' && c.major && c.minor && !(c.major === '10' && c.minor === '15'))
    score(
      'macOS version',
      `${c.major}.${c.minor}`,
      device.osVersion?.split('.').slice(0, 2).join('.') ?? null,
      c.user_agent_string,
    )
}
// Device type is not in uap-core; these families say it unambiguously.
function typeOf(family: string): string | null {
  if (/^(iPhone|iPod|Generic Smartphone|Generic Feature Phone)$/.test(family)) return 'mobile'
  if (/^(iPad|Generic Tablet|Kindle)$/.test(family)) return 'tablet'
  if (/^Mac$/.test(family)) return 'desktop'
  if (/^(Chromecast|AppleTV|Smart ?TV)$|Fire TV|HbbTV|Roku/i.test(family)) return 'tv'
  return null
}
for (const c of sample(load('test_device.yaml'))) {
  const device = parsed(c.user_agent_string)
  if (c.brand && c.family !== 'Spider' && !/^Generic/.test(c.brand))
    score('device vendor', c.brand, device.deviceVendor, c.user_agent_string)
  const type = typeOf(c.family ?? '')
  if (type) score('device type', type, device.deviceType, c.user_agent_string)
}

const verbose = process.argv.includes('--misses')
for (const [field, { right, total, misses }] of tallies) {
  console.log(`${field.padEnd(16)} ${((100 * right) / total).toFixed(1).padStart(5)}%  (${right}/${total})`)
  if (verbose) for (const miss of misses.slice(0, 25)) console.log(`    ${miss}`)
}
