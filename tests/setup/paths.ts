import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const tmpDir = path.join(root, 'tests/.tmp')
export const baseDatabase = path.join(tmpDir, 'base.db')
export const prismaCli = path.join(root, 'node_modules/prisma/build/index.js')
