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
        // The app's own worker, started by note search as the app starts it (lib/section.ts NOTE_INDEX_WORKER).
        'note-index-worker': join(root, 'src/main/services/note-search/index-worker.ts'),
      },
      output: { format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
})

const child = spawn(process.execPath, [join(root, 'bench/.build/main.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
