import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { icuMessages } from './scripts/icu-messages.mjs'

const root = import.meta.dirname

/**
 * citation.js's CSL plugin bundles a few styles and locales of its own (217 kB) that the app never uses: it registers
 * the ones it ships (src/renderer/assets/csl) instead. Its two registers start empty.
 */
const withoutBundledCsl: Plugin = {
  name: 'atlas:without-bundled-csl',
  enforce: 'pre',
  resolveId(id, importer) {
    if (!importer?.includes('/@citation-js/plugin-csl/') || !/^\.\/(styles|locales)\.json$/.test(id)) return null
    return '\0atlas:empty-csl-register'
  },
  load: (id) => (id === '\0atlas:empty-csl-register' ? 'export default {}' : null),
}

/**
 * The fonts the first view sets its text in, asked for with the page instead of when the list is first laid out:
 * found late (the stylesheet names them, the browser asks only once text needs them), they arrived after the list
 * was painted in its fallback font, and the swap laid the whole page out again under the first keystroke.
 * Inter's latin-ext part is among them: member names use Polish and Czech letters.
 */
const FIRST_VIEW_FONTS = /^assets\/(inter-latin|inter-latin-ext|source-serif-4-latin)-wght-normal-[\w-]+\.woff2$/
const preloadFirstViewFonts: Plugin = {
  name: 'atlas:preload-first-view-fonts',
  transformIndexHtml: {
    order: 'post',
    handler(_html, context) {
      const fonts = Object.keys(context.bundle ?? {}).filter((name) => FIRST_VIEW_FONTS.test(name))
      return fonts.sort().map((name) => ({
        tag: 'link',
        // Fonts are fetched in CORS mode: a preload without crossorigin would be fetched twice.
        attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `./${name}` },
        injectTo: 'head' as const,
      }))
    },
  },
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // Two entries over the same handler table: the desktop main process, and `npm run browse`; and beside them
        // the worker threads both start (app-context.ts workersDir): the notes' index built from nothing, other
        // devices' sync files read.
        input: {
          index: resolve(root, 'src/main/index.ts'),
          browse: resolve(root, 'src/browse/server/index.ts'),
          'note-index-worker': resolve(root, 'src/main/services/note-search/index-worker.ts'),
          'device-file-worker': resolve(root, 'src/main/services/sync/device-file-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file that requires nothing but electron.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // The UI messages arrive parsed (scripts/icu-messages.mjs), so the renderer needs no ICU parser: as FormatJS
    // advises for precompiled messages, its parser resolves to the variant without one (the AST helpers alone).
    plugins: [svelte(), icuMessages(resolve(root, 'src/renderer/lib/i18n/catalog.ts')), withoutBundledCsl, preloadFirstViewFonts],
    resolve: {
      alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }],
    },
    build: {
      // electron-vite leaves the renderer unminified by default; the first view's weight is a budget.
      minify: true,
      // The citation engine (citeproc-js and citation.js, lib/cite/engine.ts) is one 550 kB chunk, loaded only when
      // the reader first cites or exports; anything else this size would still be flagged.
      chunkSizeWarningLimit: 600,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/renderer/index.html'),
          // The browser bridge of `npm run browse`, under a fixed name the browse server injects.
          bridge: resolve(root, 'src/browse/bridge/index.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'bridge' ? 'bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
})
