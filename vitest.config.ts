import { join } from 'node:path'
import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { icuMessages } from './scripts/icu-messages.mjs'

// Three suites, run separately by npm scripts: unit (plain Node: main services, store, content),
// component (Svelte components in jsdom) and e2e (the built renderer in real Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [svelte(), icuMessages(join(import.meta.dirname, 'src/renderer/lib/i18n/catalog.ts'))],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          include: ['test/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium for the whole suite, which each file connects to.
          globalSetup: ['test/e2e/support/chromium-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
      {
        // `npm run test:reliability` (scripts/reliability/run.mjs): crash, corruption, fuzzing, markup, Electron shell, lock.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Timing-sensitive (kills, races) and Chromium-driven: one file at a time on two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
