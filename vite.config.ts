import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  server: { port: 3000 },
  build: {
    target: 'es2022',
    rollupOptions: {
      // Two kinds of build noise a newcomer reads as trouble: "/*#__PURE__*/ annotations in a
      // position Rollup cannot interpret" from dependencies, and empty chunks for resource routes
      // (healthz, logout, the CSV export) that have no browser code. Everything else is shown.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'EMPTY_BUNDLE') return
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /use client/.test(warning.message)) return
        warn(warning)
      },
    },
  },
  plugins: [
    tailwindcss(),
    remix({
      // Every v3 flag on, so that moving to React Router 7 is a codemod.
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
