// `npm run bench`: bundles the bench's TypeScript with Vite (as the app's own toolchain does) into bench/.build,
// then runs it. Arguments pass through: --quick (small sizes, a smoke run), --only=renderer,desktop,search,note-search,saves,open.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'vite'

const root = join(import.meta.dirname, '..')
const entries = ['main', 'generate', 'renderer', 'desktop', 'search', 'note-search', 'saves', 'open-store']

await build({
  configFile: false,
  logLevel: 'warn',
  root,
  build: {
    ssr: true,
    outDir: 'bench/.build',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      input: {
        ...Object.fromEntries(entries.map((name) => [name, join(root, name === 'main' ? 'bench/main.ts' : `bench/sections/${name}.ts`)])),
        // The app's own worker threads, started as the app starts them (lib/section.ts WORKERS_DIR): named .js as
        // in out/main, which the app's code names them by (ES modules: package.json says "type": "module").
        'note-index-worker': join(root, 'src/main/services/note-search/index-worker.ts'),
        'device-file-worker': join(root, 'src/main/services/sync/device-file-worker.ts'),
      },
      output: {
        format: 'esm',
        entryFileNames: (chunk) => (chunk.name.endsWith('-worker') ? '[name].js' : '[name].mjs'),
        chunkFileNames: '[name]-[hash].mjs',
      },
    },
  },
})

const child = spawn(process.execPath, [join(root, 'bench/.build/main.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
