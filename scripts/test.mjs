// `npm test`: the production build when stale, Vitest, then Playwright (even when Vitest
// failed, so one run shows everything), then one closing line `N passed, M failed[, K
// skipped]` summed over both suites from their JSON reports: the line CI reads.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const reportDir = path.join(root, 'tests/.tmp')

const suites = [
  {
    name: 'Vitest',
    report: path.join(reportDir, 'vitest.json'),
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=tests/.tmp/vitest.json'],
    count: (report) => ({
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      // A test file that fails to load fails no test, but the run must still fail.
      brokenFiles: (report.testResults ?? []).filter((file) => file.status === 'failed' && !hasFailedTest(file)).length,
    }),
  },
  {
    name: 'Playwright',
    report: path.join(reportDir, 'playwright.json'),
    args: ['playwright', 'test'],
    count: (report) => ({
      // With retries a test can pass on a later attempt; it still passed.
      passed: (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0),
      failed: report.stats?.unexpected ?? 0,
      skipped: report.stats?.skipped ?? 0,
      // Errors outside tests: the web server did not start, a spec did not compile, …
      brokenFiles: report.errors?.length ?? 0,
    }),
  },
]

function hasFailedTest(file) {
  return (file.assertionResults ?? []).some((test) => test.status === 'failed')
}

const totals = { passed: 0, failed: 0, skipped: 0 }
const problems = []

// The production build (when stale), once, before either suite: Vitest's server tests run
// two files at a time and Playwright's server uses it too. A failed build still lets both
// suites run, so their own failures show what it broke.
console.log('\n▶ Build: node --import tsx scripts/ensure-build.ts\n')
const buildStarted = Date.now()
const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-build.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
})
console.log(`Build step took ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`)
if (build.status !== 0) {
  problems.push('The production build failed (see its output above); counted as 1 failure.')
  totals.failed += 1
}

for (const suite of suites) {
  // A report left over from an earlier run must never be read as this run's.
  fs.rmSync(suite.report, { force: true })
  console.log(`\n▶ ${suite.name}: npx ${suite.args.join(' ')}\n`)
  const started = Date.now()
  const run = spawnSync('npx', suite.args, { cwd: root, stdio: 'inherit', env: process.env })
  console.log(`${suite.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const exitCode = run.status ?? 1
  if (run.error) problems.push(`${suite.name} could not be started: ${run.error.message}`)

  if (!fs.existsSync(suite.report)) {
    problems.push(`${suite.name} wrote no report (${path.relative(root, suite.report)}); counted as 1 failure.`)
    totals.failed += 1
    continue
  }
  let counts
  try {
    counts = suite.count(JSON.parse(fs.readFileSync(suite.report, 'utf8')))
  } catch (error) {
    problems.push(`${suite.name}'s report could not be read (${error.message}); counted as 1 failure.`)
    totals.failed += 1
    continue
  }
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  if (counts.brokenFiles > 0) {
    problems.push(`${suite.name}: ${counts.brokenFiles} error(s) outside any test; counted as failures.`)
    totals.failed += counts.brokenFiles
  } else if (exitCode !== 0 && counts.failed === 0) {
    problems.push(`${suite.name} exited with code ${exitCode} although no test failed; counted as 1 failure.`)
    totals.failed += 1
  }
}

console.log('')
for (const problem of problems) console.log(`✗ ${problem}`)
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`)
process.exit(totals.failed > 0 ? 1 : 0)
