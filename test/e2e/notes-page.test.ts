/**
 * The notes page in real Chromium over the real store on disk: a note written on a profile shows there rendered,
 * its [[link]] a link to the organisation, with the notes that link to it; it is edited in place, by keyboard, and
 * the edit is on disk after a reload. axe finds nothing wrong with the page, the editor open or not. A long list
 * (120 notes in the store) shows a page at a time, and a link to a note further down shows the pages down to it; so
 * does a profile's notes panel, which names the note linking to it from elsewhere.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { audit } from './support/axe'
import { launchChromium, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'
import { writeNote } from './support/notes'

let browser: Browser
let server: BrowseProcess
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-notes-page-'))
  server = await startBrowse({ dataDir })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
})

const saved = (page: Page) => expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')

describe('the notes page', () => {
  it('renders a note as the profile does, lists what links to it, and edits it in place, kept on disk', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems = watchPage(page, server.origin)
    await writeNote(page, server.url, 'cecop', 'CECOP', 'Board meets in **June**, with [[CICOPA]]')
    await writeNote(page, server.url, 'cicopa', 'CICOPA', 'Congress: ask [[CECOP]] about the report')

    await page.goto(`${server.url}#/notes`)
    // Each note's item, by its id (its text shows under the other too, as a "Linked from" link).
    const item = async (text: string) => {
      const body = page.locator('.all-notes > li > .note-body', { hasText: text })
      await body.waitFor()
      return page.locator(`[data-note-id="${await body.locator('xpath=..').getAttribute('data-note-id')}"]`)
    }
    const cecop = await item('Board meets in')
    const cicopa = await item('Congress: ask')
    await expect.poll(() => cecop.locator('.note-body strong').textContent()).toBe('June')
    expect(await cecop.locator('.note-body').getByRole('link', { name: 'CICOPA' }).getAttribute('href')).toBe('#/org/cicopa')
    // CICOPA's note links to CECOP: listed under CECOP's note, a link to that note; and the other way round.
    const linkedFrom = cecop.getByRole('list', { name: 'Linked from' })
    await expect.poll(() => linkedFrom.getByRole('link').textContent()).toBe('Congress: ask CECOP about the report')
    expect(await cicopa.getByRole('list', { name: 'Linked from' }).getByRole('link').textContent()).toBe('Board meets in June, with CICOPA')
    await screenshot(page, 'notes-page-1-read')
    expect(await audit(page)).toEqual([])

    // The link goes to that note, with focus.
    await linkedFrom.getByRole('link').click()
    await expect.poll(() => page.url()).toMatch(/#\/notes\/[0-9a-f-]{36}$/)
    await expect.poll(() => cicopa.evaluate((li) => li === document.activeElement)).toBe(true)

    // By keyboard: down to CECOP's note (the older), Enter opens it in place; typed text is saved as typed; Escape closes it.
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => cecop.evaluate((li) => li === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    const editor = cecop.getByLabel('Edit note')
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('End')
    await page.keyboard.type(' and [[ICA]]')
    await saved(page)
    expect(await audit(page)).toEqual([])
    await screenshot(page, 'notes-page-2-editing')
    await page.keyboard.press('Escape')
    await expect.poll(() => cecop.getByRole('button', { name: 'Edit' }).evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await cecop.locator('.note-body').getByRole('link', { name: 'ICA' }).getAttribute('href')).toBe('#/org/ica')

    // On disk: after a reload, the edit is there.
    await page.goto(`${server.url}#/notes`)
    await page.reload()
    await expect
      .poll(async () => (await cecop.locator('.note-body').textContent())?.trim())
      .toBe('Board meets in June, with CICOPA and ICA')
    expect(problems.filter((p) => p.startsWith('request left'))).toEqual([])
    await context.close()
  })

  it('shows 120 notes from the store 50 at a time, and a link to the oldest shows the pages down to it', async () => {
    const longDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-notes-page-long-'))
    const longServer = await startBrowse({ dataDir: longDir })
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })
    try {
      const page = await context.newPage()
      const problems = watchPage(page, longServer.origin)
      await page.goto(`${longServer.url}#/plan`)
      await page.locator('#app header').waitFor()
      // Through the contract, as the editor saves: the oldest links to CECOP, the 119 after it are about CECOP.
      const oldestId = await page.evaluate(async () => {
        type Created = { ok: true; value: { id: string } }
        const create = (window as unknown as { atlas: { notes: { create(i: unknown): Promise<Created> } } }).atlas.notes.create
        const oldest = await create({ target: { kind: 'organisation', id: 'cicopa' }, body: 'Oldest note: the [[CECOP]] charter' })
        for (let i = 1; i < 120; i++) await create({ target: { kind: 'organisation', id: 'cecop' }, body: `Note number ${i}` })
        return oldest.value.id
      })
      await page.goto(`${longServer.url}#/notes`)
      const cards = page.locator('ul.all-notes > li.note')
      await expect.poll(() => cards.count()).toBe(50)
      expect(await page.getByText('120 notes', { exact: true }).count()).toBe(1)
      expect(await audit(page)).toEqual([])

      // The next page, with focus on its first note (the 51st newest: note number 69).
      await page.getByRole('button', { name: 'Show 50 more (70 not shown)' }).click()
      await expect.poll(() => cards.count()).toBe(100)
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Note number 69')
      await screenshot(page, 'notes-page-3-show-more')

      // Under the newest note, the oldest is named as linking to CECOP; its link shows the last page and gives it focus.
      const newest = cards.first()
      await newest.getByRole('list', { name: 'Linked from' }).getByRole('link', { name: 'Oldest note: the CECOP charter' }).click()
      await expect.poll(() => page.url()).toContain(`#/notes/${oldestId}`)
      await expect.poll(() => cards.count()).toBe(120)
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['noteId'])).toBe(oldestId)
      expect(await page.getByRole('button', { name: /^Show / }).count()).toBe(0)

      // CECOP's profile asks main for its 119 notes a page at a time too, and names the one linking to it elsewhere.
      await page.goto(`${longServer.url}#/org/cecop`)
      const panel = page.locator('section.notes')
      const profileNotes = panel.locator('ul.note-list > li.note')
      await expect.poll(() => profileNotes.count()).toBe(50)
      await expect.poll(() => panel.locator('.backlinks > li').allTextContents()).toEqual(['CICOPA — Oldest note: the CECOP charter'])
      await panel.getByRole('button', { name: 'Show 50 more (69 not shown)' }).click()
      await expect.poll(() => profileNotes.count()).toBe(100)
      // A link to its oldest note (number 1): the pages down to it, and it has focus.
      const oldestAbout = await page.evaluate(async () => {
        type Page = { ok: true; value: { notes: { id: string; body: string }[]; total: number } }
        const atlas = (window as unknown as { atlas: { notes: { listFor(i: unknown): Promise<Page> } } }).atlas
        const all = await atlas.notes.listFor({ target: { kind: 'organisation', id: 'cecop' } })
        return all.value.notes.find((n) => n.body === 'Note number 1')!.id
      })
      await page.goto(`${longServer.url}#/plan`)
      await page.goto(`${longServer.url}#/org/cecop?note=${oldestAbout}`)
      await expect.poll(() => profileNotes.count()).toBe(119)
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-note-id]')?.dataset['noteId']))
        .toBe(oldestAbout)
      await screenshot(page, 'notes-page-4-profile-down-to-a-note')
      expect(problems.filter((p) => p.startsWith('request left'))).toEqual([])
    } finally {
      await context.close()
      await longServer.stop()
      await rm(longDir, { recursive: true, force: true })
    }
  })
})
