/**
 * The lost update, closed (issue 16): two tabs of one browse session edit the same note. Tab A saves; tab B,
 * still on the version it opened, saves after it. Neither text may be lost: A's stays the note, B's is kept as a
 * separate note beside it, and B is told so in plain words.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, useBrowseSession, watchPage } from './support/browse'

const session = useBrowseSession('notes-conflict')

// Each tab is brought to the front before it is used, as a person would: a tab behind paints no frames, so each
// click there waited over a second for its button to hold still (9 of this file's 23 s).
const status = (page: Page) => page.locator('[data-status]').getAttribute('data-status')
const bodies = async (page: Page) => (await page.locator('.note-list .note-body').allTextContents()).map((t) => t.trim())

describe('two tabs editing the same note', () => {
  it('keeps both texts when a tab saves from a version another tab has changed, and tells that tab', async () => {
    const server = await session.serve({ dataDir: await session.folder() })
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const a = await context.newPage()
    const b = await context.newPage()
    const problems = [...watchPage(a, server.origin), ...watchPage(b, server.origin)]

    // Tab A writes a note; both tabs show it.
    await a.bringToFront()
    await a.goto(`${server.url}#/org/cecop`)
    await a.getByRole('button', { name: 'New note' }).click()
    await a.getByLabel('New note on CECOP').fill('The first text')
    await expect.poll(() => status(a)).toBe('saved')
    await a.getByRole('button', { name: 'Done' }).click()
    await b.bringToFront()
    await b.goto(`${server.url}#/org/cecop`)
    await expect.poll(() => bodies(b)).toEqual(['The first text'])

    // Both open the note in the editor, from the same version.
    await a.bringToFront()
    await a.getByRole('button', { name: 'Edit' }).click()
    await b.bringToFront()
    await b.getByRole('button', { name: 'Edit' }).click()

    // Tab A saves first.
    await a.bringToFront()
    await a.getByLabel('Edit note').fill('Tab A wrote this')
    await expect.poll(() => status(a)).toBe('saved')
    await a.getByRole('button', { name: 'Done' }).click()

    // Tab B saves from the version it opened: its text is kept as a separate note, and it is told so.
    await b.bringToFront()
    await b.getByLabel('Edit note').fill('Tab B wrote this')
    const notice = b.locator('.changed-elsewhere')
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000 })
      .toContain('This note was changed elsewhere (in another window or tab)')
    expect(await notice.textContent()).toContain('your text was kept as a separate note')
    expect(await notice.getAttribute('role')).toBe('alert')
    await expect.poll(() => status(b)).toBe('saved')
    // Both are shown: A's text as the note, B's in the editor, on the copy.
    expect(await bodies(b)).toEqual(['Tab A wrote this'])
    expect(await b.getByLabel('Edit note').inputValue()).toBe('Tab B wrote this')
    await screenshot(b, 'notes-conflict-tab-b')

    // B types on: the copy is what it edits now, and A's text stays as it is.
    await b.getByLabel('Edit note').fill('Tab B wrote this, and more')
    await expect.poll(() => status(b)).toBe('saved')
    await b.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => bodies(b)).toEqual(['Tab B wrote this, and more', 'Tab A wrote this'])
    expect(await b.locator('.conflict-mark').count()).toBe(1)

    // Both texts exist for anyone who looks: tab A after a reload, and the notes as stored.
    await a.bringToFront()
    await a.reload()
    await expect.poll(async () => (await bodies(a)).sort()).toEqual(['Tab A wrote this', 'Tab B wrote this, and more'])
    const stored = await a.evaluate(async () => {
      const result = await (window as unknown as { atlas: { notes: { listAll: (i: object) => Promise<unknown> } } }).atlas.notes.listAll({})
      return (result as { value: { id: string; body: string; conflictOf: string | null; versions: Record<string, number> }[] }).value
    })
    const original = stored.find((n) => n.body === 'Tab A wrote this')!
    const copy = stored.find((n) => n.body === 'Tab B wrote this, and more')!
    expect(original.conflictOf).toBeNull()
    expect(copy.conflictOf).toBe(original.id)
    expect(Object.values(original.versions)).toEqual([2])
    expect(Object.values(copy.versions)).toEqual([2])
    expect(problems).toEqual([])
    await context.close()
  })

  it('does not move to the trash a note another tab has changed since it was shown', async () => {
    const server = await session.serve({ dataDir: await session.folder() })
    const context = await session.browser.newContext()
    const a = await context.newPage()
    const b = await context.newPage()
    await a.bringToFront()
    await a.goto(`${server.url}#/org/cecop`)
    await a.getByRole('button', { name: 'New note' }).click()
    await a.getByLabel('New note on CECOP').fill('Shown in both tabs')
    await expect.poll(() => status(a)).toBe('saved')
    await a.getByRole('button', { name: 'Done' }).click()
    await b.bringToFront()
    await b.goto(`${server.url}#/org/cecop`)
    await expect.poll(() => bodies(b)).toEqual(['Shown in both tabs'])

    await a.bringToFront()
    await a.getByRole('button', { name: 'Edit' }).click()
    await a.getByLabel('Edit note').fill('Changed in tab A')
    await expect.poll(() => status(a)).toBe('saved')

    await b.bringToFront()
    await b.getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(() => b.getByRole('alert').textContent()).toContain('so nothing was done')
    await expect.poll(() => bodies(b)).toEqual(['Changed in tab A'])
    await context.close()
  })
})
