// The benchmark's server: the production server (server/index.ts) around the benchmark's
// build (bench-build, made by bench/vite.config.ts). Started by bench/side-by-side.ts.
import path from 'node:path'
import { root } from './setup.ts'

process.env.NODE_ENV = 'production' // before React loads: its development build is far slower
const { startServer } = await import('../server/index.ts')
const { stop } = await startServer({ buildDir: path.join(root, 'bench-build') })
console.error(`bench server on port ${process.env.PORT}`)
process.on('SIGTERM', () => void stop().then(() => process.exit(0)))
