/**
 * The measured figures of the reliability suite. Each test records what it measured; `npm run test:reliability`
 * prints them all as one table at the end (scripts/reliability/run.mjs), and each test prints its own as it goes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from './paths'

export const FIGURES_DIR = join(PROJECT_ROOT, 'test-results', 'reliability')

export type Figures = Record<string, string | number>

/** Writes `test-results/reliability/<name>.json` and prints the figures as a small table. */
export function recordFigures(name: string, title: string, figures: Figures): void {
  mkdirSync(FIGURES_DIR, { recursive: true })
  writeFileSync(join(FIGURES_DIR, `${name}.json`), JSON.stringify({ title, figures, at: new Date().toISOString() }, null, 1))
  const width = Math.max(...Object.keys(figures).map((k) => k.length))
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${String(v)}`)
  console.log(`\n${title}\n${lines.join('\n')}\n`)
}
