/**
 * The desktop app's start, where the Electron runtime is installed: the built main process launched through
 * Playwright's Electron support, timed from the launch call to the organisations list painted in its window (the
 * process, the pack and store, the window, app://, the preload and the first view: all a user waits for), and in
 * the page from navigation start. Where the runtime is absent (npm ci --ignore-scripts, as on our build machines)
 * the section writes why and measures nothing: the report says it was skipped, with that reason.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron } from 'playwright-core'
import { electronRuntime } from '../../test/support/electron-runtime'
import type { DesktopResult } from '../lib/results'
import { log, PROJECT_ROOT, sectionArgs, writeResult } from '../lib/section'
import { summarise } from '../lib/stats'

const { out, quick, rest } = sectionArgs()
const outDir = resolve(PROJECT_ROOT, rest[0] ?? 'out')
const runtime = electronRuntime(PROJECT_ROOT)

async function oneStart(executable: string): Promise<{ launchToListMs: number; navigationToListMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-bench-desktop-'))
  const began = performance.now()
  const app = await _electron.launch({
    executablePath: executable,
    args: [join(outDir, 'main', 'index.js'), '--data-dir', dir],
    cwd: PROJECT_ROOT,
  })
  try {
    const page = await app.firstWindow()
    // Painted: the frame after the list's links are in the DOM.
    const inPage = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const painted = () => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0))
          if (document.querySelector('a[data-org-id]')) return painted()
          const observer = new MutationObserver(() => {
            if (!document.querySelector('a[data-org-id]')) return
            observer.disconnect()
            painted()
          })
          observer.observe(document, { childList: true, subtree: true })
        }),
    )
    return { launchToListMs: performance.now() - began, navigationToListMs: inPage }
  } finally {
    await app.close()
    await rm(dir, { recursive: true, force: true })
  }
}

if ('missing' in runtime) {
  log(`desktop start skipped: ${runtime.missing}`)
  writeResult(out, { skipped: runtime.missing } satisfies DesktopResult)
} else {
  const runs = quick ? 3 : 15
  const starts = []
  await oneStart(runtime.executable) // warm-up: the first start reads the runtime from disk
  for (let i = 0; i < runs; i++) starts.push(await oneStart(runtime.executable))
  writeResult(out, {
    runs,
    launchToListMs: summarise(starts.map((s) => s.launchToListMs)),
    navigationToListMs: summarise(starts.map((s) => s.navigationToListMs)),
  } satisfies DesktopResult)
}
