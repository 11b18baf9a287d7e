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
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Many files wait on fsync: three workers on two cores keep both busy (75 → 57 s here).
          maxWorkers: '150%',
          // A test that takes 3 s alone (a Markdown import of too many entries) takes over 5, vitest's limit, when
          // three files share two cores.
          testTimeout: 20_000,
          // Its own group, as its worker count differs from the others' (vitest asks for it).
          sequence: { groupOrder: 1 },
        },
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
          // What a test waits for on a page may take longer than vitest's one second when another file's page
          // shares the two cores; a poll still ends the moment it is met.
          expect: { poll: { timeout: 10_000 } },
          // Two files at a time: one alone kept 1.2–1.6 of the two cores busy (pages waiting on the server, the
          // server on the disk); two keep 1.9 busy (418 → 360 s here). Each file has its own server and data folder.
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
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
          // As in e2e: two files share the cores.
          expect: { poll: { timeout: 10_000 } },
          // Two files at a time (236 → 159 s here, 1.2 → 1.8 cores busy): a kill or a race is right at any moment,
          // and each file has its own folders.
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
})
