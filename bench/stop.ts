// Stopping under load, by hand: `npx tsx bench/stop.ts [node|npm|npm-group] [runs] [clients]`.
// Starts the built app (`node --import tsx scripts/start.ts`, or `npm start`), keeps busy
// keep-alive clients sending, sends SIGTERM (to the app, to npm alone, or to npm's whole
// process group) and prints what became of every request, the exit code and the drain
// time. The same driver runs in tests/integration/graceful-stop.test.ts. WARM_UP_MS: how
// long the load runs before the signal (1500); SHOW_QUEUE=1 prints the listen queue then.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { describeFigures, launch, loadThroughStop } from '../tests/integration/support/load-through-stop.ts'
import { freshDatabase } from './setup.ts'

const [how = 'npm', runs = '3', clients = '40'] = process.argv.slice(2)
if (!['node', 'npm', 'npm-group'].includes(how))
  throw new Error('usage: bench/stop.ts [node|npm|npm-group] [runs] [clients]')
const port = Number(process.env.PORT ?? 4910)

let failed = 0
for (let run = 1; run <= Number(runs); run++) {
  const { url, dir } = freshDatabase('stop')
  const app = await launch(how === 'node' ? 'node' : 'npm', port, { DATABASE_URL: url, SEED_DEMO_DATA: 'false' })
  try {
    const figures = await loadThroughStop({
      port,
      clients: Number(clients),
      warmUpMs: Number(process.env.WARM_UP_MS ?? 1_500),
      signal: () => {
        if (process.env.SHOW_QUEUE)
          console.log(execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim())
        process.kill(how === 'npm-group' ? -app.pid : app.pid, 'SIGTERM')
      },
      exited: app.exited,
    })
    console.log(describeFigures(`${how} run ${run}`, figures))
    if (figures.failures.length > 0 || figures.exitCode !== 0) failed++
  } finally {
    app.kill()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
process.exit(failed > 0 ? 1 : 0)
