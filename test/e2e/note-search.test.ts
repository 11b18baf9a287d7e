/**
 * Notes searched in main (services/note-search): Ctrl+K over a store of a few thousand notes shows a note found by
 * a word past its first line, with the words around it; the index is kept in a file beside the store and read back
 * at the next start; a note moved to the trash is not found.
 */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { UserStore } from '../../src/main/store/user-store'
import { aNote, noteId } from '../support/notes'
import { screenshot, useBrowseSession, watchPage } from './support/browse'

const session = useBrowseSession('note-search')
const WORDS = 'assembly statute member worker federation budget vote congress delegate training housing'.split(' ')
const NOTES = 3000
const FOUND = noteId(NOTES + 1)

async function seed(dir: string): Promise<void> {
  const store = await UserStore.open(dir)
  const notes = Array.from({ length: NOTES }, (_, n) =>
    aNote(n + 1, `Meeting ${n}\n\n${Array.from({ length: 120 }, (_, w) => WORDS[(n + w) % WORDS.length]).join(' ')}`),
  )
  notes.push(
    aNote(
      NOTES + 1,
      `Minutes of the spring assembly\n\n${'The board met. '.repeat(8)}Delegates asked about the quinoaharvest fund for members.`,
      // On a page of its own: opened from the palette, it is found among that page's notes.
      { target: { kind: 'organisation', id: 'coceta' } },
    ),
  )
  await store.apply({ op: 'put-notes', notes })
  await store.close()
}

/** Ctrl+K, then the query. Under a loaded CI machine a key can land while the page is still busy: it is pressed
 * again until the palette is open (the shortcut itself is tested in search.test.ts). */
async function searchFor(page: Page, query: string): Promise<void> {
  const field = page.getByRole('combobox', { name: /Search organisations/ })
  await expect
    .poll(
      async () => {
        if (!(await field.isVisible())) await page.keyboard.press('Control+k')
        return field.isVisible()
      },
      { timeout: 20_000 },
    )
    .toBe(true)
  await field.fill(query)
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

describe('note search in main', () => {
  it('finds a note by a word past its first line, with its snippet, and again after a restart from the saved index', async () => {
    const dir = await session.folder()
    await seed(dir)
    let server = await session.serve({ dataDir: dir })
    const page = await session.browser.newPage()
    const problems = watchPage(page, server.origin)
    await page.goto(`${server.url}#/org/cicopa`)
    await page.getByRole('button', { name: 'New note' }).waitFor()
    await searchFor(page, 'quinoahar')
    const option = page.getByRole('option').filter({ hasText: 'Minutes of the spring assembly' })
    await expect.poll(() => option.count(), { timeout: 20_000 }).toBe(1)
    expect(await option.locator('.palette-snippet').textContent()).toContain('quinoaharvest fund')
    expect(await option.locator('a').getAttribute('href')).toBe(`#/org/coceta?note=${FOUND}`)
    await screenshot(page, 'note-search-palette')
    // Chosen by keyboard: its organisation's page opens scrolled to it, with focus on it.
    await expect
      .poll(async () => {
        await page.keyboard.press('ArrowDown')
        return option.getAttribute('aria-selected')
      })
      .toBe('true')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['noteId']), { timeout: 20_000 })
      .toBe(FOUND)
    expect(page.url()).toContain('#/org/coceta?note=')
    expect(await page.locator(`[data-note-id="${FOUND}"]`).evaluate((item) => item.getBoundingClientRect().top < innerHeight)).toBe(true)
    await screenshot(page, 'note-search-note-opened')
    // The index was built from the store, then written beside it.
    await expect.poll(() => exists(join(dir, 'coop-atlas-notes-index.bin')), { timeout: 20_000 }).toBe(true)
    expect(problems).toEqual([])
    await page.close()

    await server.stop()
    server = await session.serve({ dataDir: dir })
    const again = await session.browser.newPage()
    await again.goto(`${server.url}#/org/cicopa`)
    await again.getByRole('button', { name: 'New note' }).waitFor()
    await searchFor(again, 'quinoaharvest')
    await expect.poll(() => again.getByRole('option').filter({ hasText: 'Minutes of the spring assembly' }).count()).toBe(1)
    // Moved to the trash: not found any more.
    const trashed = await again.evaluate(async (id) => {
      const atlas = (window as unknown as { atlas: { notes: { trash(i: { id: string }): Promise<{ ok: boolean }> } } }).atlas
      return (await atlas.notes.trash({ id })).ok
    }, FOUND)
    expect(trashed).toBe(true)
    await again.keyboard.press('Escape')
    await expect.poll(() => again.getByRole('combobox', { name: /Search organisations/ }).count()).toBe(0)
    await searchFor(again, 'quinoaharvest')
    await expect.poll(() => again.locator('.palette-empty').first().textContent()).toContain('Nothing matches')
    await again.close()
  })
  it('builds the index from nothing in the worker thread beside the built main, which writes the file at once', async () => {
    // Five notes: main's own build would write no file for so few until many more changed (its stamps tell the next
    // start instead), so a file while the app runs is the worker's — and the worker file being there and working.
    const dir = await session.folder()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-notes', notes: Array.from({ length: 5 }, (_, n) => aNote(n + 1, `Trip ${n} to the ardennes`)) })
    await store.close()
    const server = await session.serve({ dataDir: dir })
    await expect.poll(() => exists(join(dir, 'coop-atlas-notes-index.bin')), { timeout: 20_000 }).toBe(true)
    const page = await session.browser.newPage()
    await page.goto(`${server.url}#/org/cicopa`)
    await page.getByRole('button', { name: 'New note' }).waitFor()
    await searchFor(page, 'ardennes')
    await expect
      .poll(
        () =>
          page
            .getByRole('option')
            .filter({ hasText: /^Trip \d/ })
            .count(),
        { timeout: 20_000 },
      )
      .toBe(5)
    await page.close()
    await server.stop()
  })
})
