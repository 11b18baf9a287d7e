/**
 * Importing Markdown in real Chromium over a real store (npm run browse): an Obsidian vault picked as a folder
 * (test/fixtures/obsidian-vault: nested folders, a hidden .obsidian folder, tags as a list and as a string, a note
 * without front matter, one with bad YAML), previewed, imported, and listed; then our own zip export read back.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'

const VAULT = join(import.meta.dirname, '../fixtures/obsidian-vault')

let browser: Browser
const servers: BrowseProcess[] = []
const dirs: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await Promise.all(servers.map((s) => s.stop()))
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('importing Markdown notes', () => {
  it('imports an Obsidian vault through the folder picker, after a preview, and lists its notes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-md-'))
    dirs.push(dir)
    const server = await startBrowse({ dataDir: dir })
    servers.push(server)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchPage(page, server.origin)
    await page.goto(`${server.url}#/notes`)

    await page.getByLabel('Import a folder of Markdown files…').setInputFiles(VAULT)
    const preview = page.getByRole('region', { name: 'What the import will do' })
    await expect.poll(() => preview.textContent()).toContain('add 3 notes')
    const said = (await preview.textContent()) ?? ''
    expect(said).toContain('The folder obsidian-vault holds 4 notes.')
    expect(said).toContain('Broken.md: its front matter is not valid YAML')
    expect(said).toContain('4 files are not notes and are left out')
    await preview.scrollIntoViewIfNeeded()
    await screenshot(page, 'notes-markdown-import-preview')

    // By keyboard: the Import button, then Enter.
    await preview.getByRole('button', { name: 'Import', exact: true }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(3)
    const listed = (await page.locator('.all-notes').textContent()) ?? ''
    expect(listed).toContain('Alpha project')
    expect(listed).toContain('Beta')
    expect(listed).toContain('Welcome')
    expect(listed).toContain('project/alpha')

    // The same vault again: nothing new.
    await page.getByLabel('Import a folder of Markdown files…').setInputFiles(VAULT)
    await expect.poll(() => preview.textContent()).toContain('leave 3 identical notes alone')
    await preview.getByRole('button', { name: 'Cancel' }).click()

    // Our own zip export, read back: every note already here, unchanged.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export as Markdown files (zip)' }).click()
    const zip = join(dir, 'notes.zip')
    await (await download).saveAs(zip)
    await page.getByLabel('Import Markdown files from a zip…').setInputFiles(zip)
    await expect.poll(() => preview.textContent()).toContain('leave 3 identical notes alone')
    expect(problems.filter((p) => p.startsWith('request left'))).toEqual([])
  })
})
