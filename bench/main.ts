/**
 * `npm run bench`: how fast Coop Atlas is, measured. Builds the app if out/ is missing or older than its sources,
 * generates the scale data once, runs each section in its own Node process (one at a time: two cores), then prints
 * the table, writes bench/results/latest.json and bench/RESULTS.md. A benchmark, not a test: a missed budget is
 * reported, never a failure; the exit code is non-zero only when a section itself crashed.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { format, resolveConfig } from 'prettier'
import { cpuShare, describeMachine, freshMemory } from './lib/machine'
import { buildReport, type Sections } from './lib/report'
import { PROJECT_ROOT } from './lib/section'
import { tempFolder } from './lib/store-files'

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } })
const quick = values.quick
const only = values.only ? new Set(values.only.split(',')) : null
const wanted = (name: string) => only === null || only.has(name)
const began = performance.now()
const BUILD = join(PROJECT_ROOT, 'bench/.build')
const outDir = resolve(PROJECT_ROOT, process.env['ATLAS_OUT_DIR'] ?? 'out')

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)))
  return latest
}

/** Builds the app into outDir when it is missing or older than anything it is built from. */
function ensureBuilt(): { rebuilt: boolean; ms: number; outDir: string } {
  const products = [join(outDir, 'main/browse.js'), join(outDir, 'renderer/index.html')]
  const sources = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(PROJECT_ROOT, p))
  const stale =
    products.some((p) => !existsSync(p)) || Math.max(...sources.map(newest)) > Math.min(...products.map((p) => statSync(p).mtimeMs))
  if (!stale) return { rebuilt: false, ms: 0, outDir }
  process.stderr.write(`building the app into ${outDir} (it was missing or older than src/)…\n`)
  const start = performance.now()
  const result = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/electron-vite'), ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`)
  return { rebuilt: true, ms: Math.round(performance.now() - start), outDir }
}

interface SectionRun {
  ok: boolean
  ms: number
  load: { before: number; after: number }
  error?: string
}

/**
 * Node flags every section is also run with, from BENCH_NODE_FLAGS (say `--cpu-prof --cpu-prof-dir=/tmp/prof`, to
 * see where a section's time goes: NODE_OPTIONS does not take --cpu-prof).
 */
const extraNodeFlags = (process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean)

/** Runs bench/.build/<name>.mjs in its own process; its result is the JSON it writes. */
function runSection(name: string, nodeFlags: string[], args: string[]): { run: SectionRun; result: unknown } {
  process.stderr.write(`• ${name}\n`)
  const file = join(BUILD, `result-${name}.json`)
  rmSync(file, { force: true })
  const before = loadavg()[0]!
  const start = performance.now()
  const child = spawnSync(
    process.execPath,
    [...nodeFlags, ...extraNodeFlags, join(BUILD, `${name}.mjs`), '--out', file, ...(quick ? ['--quick'] : []), ...args],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  const run: SectionRun = {
    ok: child.status === 0 && existsSync(file),
    ms: Math.round(performance.now() - start),
    load: { before: Math.round(before * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
  }
  if (!run.ok) {
    run.error = `exited with ${child.status ?? child.signal}`
    process.stderr.write(`  ${name} crashed (${run.error})\n`)
    return { run, result: null }
  }
  return { run, result: JSON.parse(readFileSync(file, 'utf8')) }
}

const machine = describeMachine()
const build = wanted('renderer') || wanted('desktop') || wanted('note-search') ? ensureBuilt() : { rebuilt: false, ms: 0, outDir }
const dataDir = await tempFolder('data')
const sections: Sections = {}
const runs: Record<string, SectionRun> = {}
const record = (key: keyof Sections, name: string, flags: string[], args: string[]) => {
  const { run, result } = runSection(name, flags, args)
  runs[name] = run
  if (result !== null) (sections as Record<string, unknown>)[key] = result
}

try {
  if (wanted('renderer')) record('renderer', 'renderer', [], [outDir])
  if (wanted('desktop')) record('desktop', 'desktop', [], [outDir])
  if (wanted('search') || wanted('note-search') || wanted('saves') || wanted('open'))
    record('generate', 'generate', ['--max-old-space-size=8000'], [dataDir])
  if (wanted('search') && sections.generate) record('search', 'search', ['--expose-gc', '--max-old-space-size=16000'], [dataDir])
  if (wanted('note-search') && sections.generate)
    record('noteSearch', 'note-search', ['--expose-gc', '--max-old-space-size=16000'], [dataDir, outDir])
  if (wanted('saves') && sections.generate) record('saves', 'saves', ['--max-old-space-size=8000'], [dataDir])
  if (wanted('open') && sections.generate) record('open', 'open-store', ['--max-old-space-size=8000'], [dataDir])
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}

const report = buildReport({
  machine,
  build,
  sections,
  runs,
  quick,
  totalMs: Math.round(performance.now() - began),
  end: { load: loadavg(), cpuShare: cpuShare(), freshMemory: freshMemory() },
})
process.stdout.write(`\n${report.text}\n`)
mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true })
writeFileSync(join(PROJECT_ROOT, 'bench/results/latest.json'), `${JSON.stringify(report.json, null, 2)}\n`)
if (!quick && only === null) {
  // Formatted as the project's Prettier would, so `prettier --check` passes on the committed file.
  const path = join(PROJECT_ROOT, 'bench/RESULTS.md')
  const options = (await resolveConfig(path)) ?? {}
  writeFileSync(path, await format(report.markdown, { ...options, filepath: path }))
}
process.stdout.write(`\nwrote bench/results/latest.json${!quick && only === null ? ' and bench/RESULTS.md' : ''}\n`)
process.exitCode = Object.values(runs).every((r) => r.ok) ? 0 : 1
