// @ts-check
/**
 * `npm run test:reliability`: builds the app, runs the reliability suite (vitest project "reliability",
 * test/reliability/), then prints every figure the tests measured as one table, with the total time.
 *
 *   node scripts/reliability/run.mjs [--no-build] [vitest arguments…]
 *
 * Knobs (environment): RELIABILITY_SEED (replay a run), RELIABILITY_KILLS, RELIABILITY_FUZZ_RUNS,
 * RELIABILITY_RACES, RELIABILITY_SEQUENCES; ATLAS_OUT_DIR builds into and tests another folder than out/.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const figuresDir = join(root, 'test-results', 'reliability')
const args = process.argv.slice(2)
const build = !args.includes('--no-build')
const vitestArgs = args.filter((a) => a !== '--no-build')
const started = Date.now()

/** @param {string} command @param {string[]} commandArgs */
function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' })
  return result.status ?? 1
}

if (build) {
  const outDir = process.env['ATLAS_OUT_DIR']
  const status = outDir ? run('npx', ['electron-vite', 'build', '--outDir', join(root, outDir)]) : run('npm', ['run', 'build'])
  if (status !== 0) process.exit(status)
}
const built = Date.now()

rmSync(figuresDir, { recursive: true, force: true })
mkdirSync(figuresDir, { recursive: true })
const status = run(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'reliability', ...vitestArgs])
const finished = Date.now()

/** @type {{ title: string, figures: Record<string, string | number> }[]} */
const reports = readdirSync(figuresDir)
  .filter((name) => name.endsWith('.json') && name !== 'summary.json')
  .sort()
  .map((name) => JSON.parse(readFileSync(join(figuresDir, name), 'utf8')))

/** @param {number} ms */
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`
const lines = ['', '════ Reliability and security, measured ════']
for (const { title, figures } of reports) {
  lines.push('', title)
  const width = Math.max(...Object.keys(figures).map((k) => k.length))
  for (const [key, value] of Object.entries(figures)) lines.push(`  ${key.padEnd(width)}  ${value}`)
}
lines.push(
  '',
  `Time: ${seconds(finished - started)} in all (build ${seconds(built - started)}, tests ${seconds(finished - built)})`,
  status === 0 ? 'Result: all reliability checks passed.' : `Result: FAILED (vitest exited with ${status}).`,
  '',
)
console.log(lines.join('\n'))
writeFileSync(
  join(figuresDir, 'summary.json'),
  JSON.stringify(
    { passed: status === 0, seconds: { total: (finished - started) / 1000, build: (built - started) / 1000 }, reports },
    null,
    1,
  ),
)
process.exit(status)
