// `npm test` builds here, once, before any suite: the Vitest files that start the built
// server run two at a time, and each would otherwise wait on another's build inside its
// own timeout. A fresh build is left alone (scripts/build-stamp.ts).
import { ensureBuild } from './build-stamp.ts'

if (!ensureBuild()) {
  console.error('The production build failed. See the output above.')
  process.exit(1)
}
