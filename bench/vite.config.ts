import { fileURLToPath } from 'node:url'
import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

// The benchmark's build of the app (bench-build): the same sources and settings as
// ../vite.config.ts, except that the one module every loader takes its guard from,
// `~/session/guards.server.ts`, is bench/guards.server.ts, which lets each request choose
// the session check to measure. The app's own build never contains it.
const app = fileURLToPath(new URL('../app', import.meta.url))
const benchGuards = fileURLToPath(new URL('./guards.server.ts', import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\/session\/guards\.server\.ts$/, replacement: benchGuards },
      { find: '~', replacement: app },
    ],
  },
  build: { target: 'es2022' },
  plugins: [
    tailwindcss(),
    remix({
      buildDirectory: 'bench-build',
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
})
