import fs from 'node:fs'
import path from 'node:path'
import { baseDatabase, tmpDir } from './paths.ts'

// A private copy of the migrated base database for this test file's worker, set before
// any app module reads DATABASE_URL. Tests make unique users, so files share it safely.
const file = path.join(tmpDir, `worker-${process.pid}.db`)
if (!fs.existsSync(file)) fs.copyFileSync(baseDatabase, file)
process.env.DATABASE_URL = `file:${file}`
process.env.LOG_REQUESTS = 'false'
