import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'
import { writeNote } from './support/notes'

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

async function fresh(): Promise<{ server: BrowseProcess; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-data-'))
  dirs.push(dir)
  const server = await startBrowse({ dataDir: dir })
  servers.push(server)
  return { server, dir }
}

describe('the notes page', () => {
  it('exports every note and imports them elsewhere after a preview, merging by id', async () => {
    const a = await fresh()
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchPage(page, a.server.origin)
    await writeNote(page, a.server.url, 'cecop', 'CECOP', 'Board meets in **June**', 'board')
    await writeNote(page, a.server.url, 'cicopa', 'CICOPA', 'Check the 2023 congress report')

    await page.goto(`${a.server.url}#/notes`)
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(2)
    await page.getByLabel('Tag').selectOption('board')
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(1)
    expect(page.url()).toContain('tag=board')
    await page.getByLabel('Tag').selectOption('')
    await page.getByLabel('Search notes').fill('congress')
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(1)
    await page.getByLabel('Search notes').fill('')
    await screenshot(page, 'notes-1-all')

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export all notes (JSON)' }).click()
    const file = await download
    const exported = join(a.dir, 'exported.json')
    await file.saveAs(exported)
    const parsed = JSON.parse(await readFile(exported, 'utf8')) as { format: string; notes: unknown[] }
    expect(parsed.format).toBe('coop-atlas-notes')
    expect(parsed.notes).toHaveLength(2)

    const zip = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export as Markdown files (zip)' }).click()
    expect((await zip).suggestedFilename()).toMatch(/^coop-atlas-notes-\d{4}-\d{2}-\d{2}\.zip$/)

    // Somewhere else: one note of its own, then the import.
    const b = await fresh()
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await writeNote(other, b.server.url, 'cecop', 'CECOP', 'A note of my own')
    await other.goto(`${b.server.url}#/notes`)
    await other.getByLabel('Import notes from a JSON file…').setInputFiles(exported)
    await expect.poll(() => other.getByRole('region', { name: 'What the import will do' }).textContent()).toContain('add 2 notes')
    await screenshot(other, 'notes-2-import-preview')
    await other.getByRole('button', { name: 'Import', exact: true }).click()
    await expect.poll(() => other.locator('.all-notes > li').count()).toBe(3)

    // Importing the same file again changes nothing.
    await other.getByLabel('Import notes from a JSON file…').setInputFiles(exported)
    await expect
      .poll(() => other.getByRole('region', { name: 'What the import will do' }).textContent())
      .toContain('leave 2 identical notes alone')
    expect(problems.filter((p) => p.startsWith('request left'))).toEqual([])
  })

  it('refuses a file that is not a notes file, with a clear message, and imports nothing', async () => {
    const { server, dir } = await fresh()
    const page = await browser.newPage()
    await page.goto(`${server.url}#/notes`)
    const bad = join(dir, 'bad.json')
    await writeFile(bad, JSON.stringify({ hello: 'world', __proto__: { polluted: true } }))
    await page.getByLabel('Import notes from a JSON file…').setInputFiles(bad)
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a Coop Atlas notes file')
    expect(await page.locator('.all-notes > li').count()).toBe(0)
  })

  it('keeps trashed notes until the user empties the trash', async () => {
    const { server } = await fresh()
    const page = await browser.newPage()
    await writeNote(page, server.url, 'cecop', 'CECOP', 'Soon in the trash')
    await page.getByRole('button', { name: 'Move to trash' }).click()
    await page.goto(`${server.url}#/notes?trash=1`)
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(1)
    await page.getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(0)
    await page.getByLabel(/Trash/).uncheck()
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(1)
    await page.getByRole('button', { name: 'Move to trash' }).click()
    await page.getByLabel(/Trash/).check()
    await page.getByRole('button', { name: 'Empty the trash' }).click()
    await page.getByRole('button', { name: 'Empty the trash' }).click()
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(0)
  })

  it('queues a correction and exports it for the maintainers', async () => {
    const { server } = await fresh()
    const page = await browser.newPage()
    await page.goto(`${server.url}#/org/cecop`)
    await page.getByRole('button', { name: 'Flag a fact as wrong or outdated…' }).click()
    await page.getByLabel('Which fact').fill('Founded')
    await page.getByLabel('outdated').check()
    await page.getByLabel('Your correction').fill('A newer page gives another founding story.')
    await page.getByLabel('Your source (a link or a reference)').fill('https://www.cecop.coop/')
    await page.getByRole('button', { name: 'Add to the corrections queue' }).click()
    await page.goto(`${server.url}#/notes`)
    await expect.poll(() => page.locator('.corrections').textContent()).toContain('A newer page gives another founding story.')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export corrections for the maintainers' }).click()
    expect((await download).suggestedFilename()).toMatch(/^coop-atlas-corrections-/)
  })

  it('pins an organisation to the top of the list, and keeps it pinned', async () => {
    const { server } = await fresh()
    const page = await browser.newPage()
    await page.goto(`${server.url}#/org/mondragon`)
    await page.getByRole('button', { name: 'Pin to the top of the list' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Pinned' }).getAttribute('aria-pressed')).toBe('true')
    const first = () => page.getByRole('navigation', { name: 'Organisations' }).locator('[data-org-id]').first().getAttribute('data-org-id')
    await expect.poll(first).toBe('mondragon')
    await page.reload()
    await expect.poll(first).toBe('mondragon')
  })
})
