import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readStoredNotes, storeBytes } from '../support/store-files'
import { launchChromium, PROJECT_ROOT, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'

let browser: Browser
const servers: BrowseProcess[] = []
const dirs: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-'))
  dirs.push(dir)
  return dir
}

async function serve(dataDir: string, packDir?: string) {
  const server = await startBrowse({ dataDir, ...(packDir ? { packDir } : {}) })
  servers.push(server)
  return server
}

describe('the vertical slice in Chromium', () => {
  it('lists organisations, opens a profile, and keeps a note across a restart', async () => {
    const dataDir = await tempDir()
    let server = await serve(dataDir)
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const problems = watchPage(page, server.origin)

    await page.goto(server.url)
    const list = page.getByRole('navigation', { name: 'Organisations' })
    await expect.poll(() => list.getByRole('link').count()).toBeGreaterThan(10)
    await screenshot(page, 'slice-1-list')

    await list.getByRole('link', { name: /^CECOP/ }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('CICOPA Europe')
    expect(page.url()).toContain('#/org/cecop')
    await expect.poll(() => page.getByRole('heading', { name: 'Sources' }).isVisible()).toBe(true)

    await page.getByRole('button', { name: 'New note' }).click()
    await page.getByLabel('New note on CECOP').fill('Call the **secretariat** before the congress.')
    // No save button: the note is saved as it is typed.
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')
    await page.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.locator('.note-body strong').textContent()).toBe('secretariat')
    await screenshot(page, 'slice-2-profile-with-note')

    // Restart the server on the same folder: the note comes back from disk.
    await server.stop()
    servers.pop()
    server = await serve(dataDir)
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const freshProblems = watchPage(fresh, server.origin)
    await fresh.goto(`${server.url}#/org/cecop`)
    await expect.poll(() => fresh.locator('.note-body').textContent()).toContain('Call the secretariat before the congress.')

    // Edit it and leave the page at once, before the autosave pause: nothing is lost.
    await fresh.getByRole('button', { name: 'Edit' }).click()
    await fresh.getByLabel('Edit note').fill('Called them.')
    await fresh
      .getByRole('navigation', { name: 'Organisations' })
      .getByRole('link', { name: /^CICOPA/ })
      .first()
      .click()
    await expect.poll(async () => (await readStoredNotes(dataDir)).map((n) => n.body)).toEqual(['Called them.'])
    await fresh.goBack()
    await expect.poll(() => fresh.locator('.note-body').textContent()).toContain('Called them.')

    // Move it to the trash, undo, then trash it for real: it stays on disk, marked as in the trash.
    await fresh.getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(() => fresh.locator('.note-body').count()).toBe(0)
    await fresh.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => fresh.locator('.note-body').textContent()).toContain('Called them.')
    await fresh.getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(() => fresh.locator('.note-body').count()).toBe(0)
    await expect
      .poll(async () => (await readStoredNotes(dataDir)).map((n) => Boolean((n as { trashed?: string | null }).trashed)))
      .toEqual([true])

    expect(problems).toEqual([])
    expect(freshProblems).toEqual([])
  })

  it('refuses a call without the token, and writes nothing', async () => {
    const dataDir = await tempDir()
    const server = await serve(dataDir)
    const before = await storeBytes(dataDir)
    const response = await fetch(`${server.origin}/api/notes.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: { kind: 'organisation', id: 'cecop' }, body: 'sneaky' }),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorised' } })
    expect((await fetch(server.origin)).status).toBe(401)
    expect(await storeBytes(dataDir)).toBe(before)
  })

  it('refuses a second writer on the same folder', async () => {
    const dataDir = await tempDir()
    await serve(dataDir)
    const second = startBrowse({ dataDir })
    await expect(second).rejects.toThrow(/Only one Coop Atlas can write them at a time/)
  })

  it('shows a clear error, not a blank window, when the pack is broken', async () => {
    const packDir = await tempDir()
    await cp(join(PROJECT_ROOT, 'resources/content'), packDir, { recursive: true })
    await writeFile(join(packDir, 'organisations.json'), '[{"id": "Not An Id"}]')
    const server = await serve(await tempDir(), packDir)
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } })
    await page.goto(server.url)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('The reference pack could not be loaded')
    // Said in the reader's words; the checks' own technical English is folded away until asked for.
    expect(await page.locator('main > p').textContent()).toMatch(
      /^Its contents do not have the form this version of Coop Atlas expects\. Your notes are safe/,
    )
    await expect.poll(() => page.locator('main details ul').isVisible()).toBe(false)
    await page.getByText(/What the checks found \(\d+ problems?; technical, in English\)/).click()
    expect(await page.locator('main details ul[lang="en"]').innerText()).toContain('organisations.0.id')
    await screenshot(page, 'slice-3-broken-pack')
  })
})
