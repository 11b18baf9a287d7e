/**
 * Child-process drivers are TypeScript (scripts/reliability/*.ts) over the real main-process sources. Node 20
 * cannot run TypeScript, so each is bundled with rolldown (already a dependency of the build) into one ESM file
 * under node_modules/.cache, where its package imports (lowdb, valibot, …) resolve as they do for the app.
 */
import { rmSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { basename, isAbsolute, join } from 'node:path'
import { build } from 'rolldown'
import { CACHE_DIR, PROJECT_ROOT } from './paths'

/** Bundles scripts/reliability/<name>; the bundle is removed when the test process exits. */
export async function bundleDriver(name: string): Promise<string> {
  await mkdir(CACHE_DIR, { recursive: true })
  const input = join(PROJECT_ROOT, 'scripts', 'reliability', name)
  const file = join(CACHE_DIR, `${process.pid}-${basename(name).replace(/\.ts$/, '.mjs')}`)
  await build({
    input,
    platform: 'node',
    logLevel: 'silent',
    // Packages stay imports, resolved from the project's node_modules; only our sources are bundled.
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
    output: { file, format: 'esm' },
  })
  process.once('exit', () => rmSync(file, { force: true }))
  return file
}
