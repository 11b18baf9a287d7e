/**
 * The desktop app itself, where the Electron runtime is installed: the built main process, its preload and the
 * app:// protocol, driven through Playwright's Electron support. What browse cannot show: calls over IPC, the
 * preload exposing exactly the contract, no Node in the page, navigation and new windows refused, printToPDF.
 * Where the runtime is absent (npm ci --ignore-scripts, as on our build machines) or there is no display, the
 * suite is skipped with one line saying why: it never fails for that, and never passes without running.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_NAMES } from '../../src/shared/call-names'
import { PROJECT_ROOT } from './support/browse'
import { electronRuntime } from '../support/electron-runtime'

const runtime = electronRuntime(PROJECT_ROOT)
const skipBecause = 'missing' in runtime ? runtime.missing : null
if (skipBecause) console.log(`Desktop-shell e2e skipped: ${skipBecause}.`)

const outDir = process.env['ATLAS_OUT_DIR'] ?? 'out'
let dir: string
let app: ElectronApplication
let page: Page

/** The built app on a data folder of this test's own (--data-dir), its first window once the list is painted. */
async function launch(): Promise<void> {
  if (!('executable' in runtime)) throw new Error('unreachable: skipped without a runtime')
  app = await _electron.launch({
    executablePath: runtime.executable,
    args: [join(PROJECT_ROOT, outDir, 'main', 'index.js'), '--data-dir', join(dir, 'data')],
    cwd: PROJECT_ROOT,
  })
  page = await app.firstWindow()
  await page.getByRole('navigation', { name: 'Organisations' }).getByRole('link').first().waitFor({ timeout: 30_000 })
}

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

describe.skipIf(skipBecause !== null)('the desktop app (Electron, through Playwright)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-desktop-'))
    await launch()
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('serves the renderer from app://, with exactly the contract in the page and no Node', async () => {
    expect(page.url()).toMatch(/^app:\/\/atlas\//)
    const shape = await page.evaluate(() => {
      const w = window as unknown as { atlas: Record<string, Record<string, unknown>>; require?: unknown; process?: unknown }
      return {
        require: typeof w.require,
        process: typeof w.process,
        calls: Object.entries(w.atlas)
          .flatMap(([group, calls]) => Object.keys(calls).map((call) => `${group}.${call}`))
          .sort(),
      }
    })
    expect(shape).toEqual({ require: 'undefined', process: 'undefined', calls: [...CALL_NAMES].sort() })
  })

  it('keeps a note written over IPC across a restart, in the folder named with --data-dir', async () => {
    const created = await page.evaluate(() =>
      (window as unknown as { atlas: { notes: { create(input: unknown): Promise<unknown> } } }).atlas.notes.create({
        target: { kind: 'organisation', id: 'cecop' },
        body: 'Written in the desktop app',
      }),
    )
    expect((created as Result<unknown>).ok).toBe(true)
    // A refused input comes back as a typed error over IPC too, and changes nothing.
    const refused = (await page.evaluate(() =>
      (window as unknown as { atlas: { notes: { create(input: unknown): Promise<unknown> } } }).atlas.notes.create({
        target: 'cecop',
        body: 1,
      }),
    )) as Result<unknown>
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('invalid-input')

    await app.close()
    expect((await readdir(join(dir, 'data'))).length).toBeGreaterThan(0)
    await launch()
    const listed = (await page.evaluate(() =>
      (window as unknown as { atlas: { notes: { listAll(input: unknown): Promise<unknown> } } }).atlas.notes.listAll({}),
    )) as Result<{ body: string }[]>
    expect(listed.ok && listed.value.map((n) => n.body)).toEqual(['Written in the desktop app'])
  }, 90_000)

  it('refuses to navigate away or open a window', async () => {
    const before = page.url()
    await page.evaluate(() => {
      window.location.href = 'https://example.org/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(before)
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true)
    expect(app.windows()).toHaveLength(1)
  })

  it('saves the briefing sheet as a PDF through the window’s printToPDF', async () => {
    const file = join(dir, 'briefing.pdf')
    // The save dialog answered in main, as a user choosing `file` would.
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: chosen })) as unknown as typeof dialog.showSaveDialog
    }, file)
    await page.evaluate(() => {
      window.location.hash = '#/org/cecop'
    })
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    const exported = (await page.evaluate(() =>
      (window as unknown as { atlas: { shell: { exportPdf(input: unknown): Promise<unknown> } } }).atlas.shell.exportPdf({
        fileName: 'CECOP - Coop Atlas briefing.pdf',
      }),
    )) as Result<{ exported: boolean }>
    expect(exported).toEqual({ ok: true, value: { exported: true } })
    expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })
})
