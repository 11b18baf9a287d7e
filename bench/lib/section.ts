/** What every benchmark section shares: where to write its result, and progress on stderr. */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

/** The project root, from bench/.build/<section>.mjs (where the bundled sections run). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
export const PACK_DIR = resolve(PROJECT_ROOT, 'resources/content')
/** The app's worker threads, built here by bench/run.mjs with the names the app starts them by (app-context.ts). */
export const WORKERS_DIR = resolve(PROJECT_ROOT, 'bench/.build')
/** The worker that builds the notes' index from nothing, as the app starts it. */
export const NOTE_INDEX_WORKER = resolve(WORKERS_DIR, 'note-index-worker.js')

export function sectionArgs(): { out: string; quick: boolean; rest: string[] } {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string' }, quick: { type: 'boolean', default: false } },
    allowPositionals: true,
  })
  if (!values.out) throw new Error('usage: node <section>.mjs --out result.json [--quick]')
  return { out: values.out, quick: values.quick, rest: positionals }
}

export function writeResult(path: string, result: unknown): void {
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`)
}

export const log = (message: string): void => {
  process.stderr.write(`  ${message}\n`)
}

export const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) {
    g()
    g()
  }
}

export const heapMB = (): number => {
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}
