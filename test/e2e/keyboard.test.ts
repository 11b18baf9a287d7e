/**
 * The common tasks by keyboard alone, in real Chromium over a real store on disk, from a fresh start: open CICOPA
 * Americas, reach its members, write a note on it and save it. Only `page.keyboard` touches the page (no clicks, no
 * focusing by script); every key press is counted, a typed string one press per character (as a person types it),
 * and each task is held to a budget: the measured count when it was written plus a small margin, so that a change
 * that makes a task longer by keyboard fails here. Where focus stands is checked after every step.
 *
 * Measured when written: open 12 presses (Ctrl+K, 9 letters, ↓, Enter; budget 14), members 4 (Alt+O, M, Enter, Tab;
 * budget 5), note 7 + its length (Alt+O, Y, Enter, Tab, Enter, the text, Ctrl+Enter, Escape; budget 9 + its length).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, useBrowseSession, watchPage } from './support/browse'

const session = useBrowseSession('keyboard')

/** Every key the test presses goes through here, counted. */
class Keys {
  count = 0
  constructor(private readonly page: Page) {}
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.count++
      await this.page.keyboard.press(key)
    }
  }
  /** A string as typed: one press per character. */
  async type(text: string): Promise<void> {
    this.count += [...text].length
    await this.page.keyboard.type(text)
  }
}

/** What has focus, in words a failure message can show. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return {
      tag: el?.tagName.toLowerCase() ?? null,
      id: el?.id ?? '',
      text: (el?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80),
      label: el?.getAttribute('aria-label') ?? (el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : ''),
      section: el?.closest('section')?.querySelector('h2')?.textContent?.trim() ?? null,
      group: el?.closest('li')?.parentElement?.previousElementSibling?.textContent?.trim() ?? null,
      href: el?.getAttribute('href') ?? null,
      tabindex: el?.getAttribute('tabindex') ?? null,
    }
  })
}

/** The store on disk: its snapshot and its change log (a save lands in the log first), wherever under the data folder. */
async function storeText(dir: string): Promise<string> {
  const names = (await readdir(dir, { recursive: true })) as string[]
  const files = names.filter((n) => /(^|\/)coop-atlas-(store\.json|changes\.jsonl)$/.test(n))
  if (files.length === 0) throw new Error(`no store under ${dir}: ${names.join(', ')}`)
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n')
}

describe('the keyboard alone', () => {
  it('opens CICOPA Americas, reaches its members, and writes and saves a note, each within its budget of key presses', async () => {
    const dataDir = await session.folder()
    const server = await session.serve({ dataDir })
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
    const problems = watchPage(page, server.origin)
    await page.goto(server.url)
    // The app is on screen (its list drawn): keys reach it.
    await page.getByRole('navigation', { name: 'Organisations' }).getByRole('link').first().waitFor()
    expect((await focused(page)).tag).toBe('body')

    // 1. Open CICOPA Americas: Ctrl+K, the start of its name (CICOPA North America comes first, then it), ↓, Enter.
    //    Focus lands on the profile's heading, not the top of the page.
    const open = new Keys(page)
    await open.press('Control+k')
    // Typed once the search field has focus, as a person sees the palette open before typing.
    await expect.poll(() => focused(page)).toMatchObject({ id: 'palette-input' })
    await open.type('cicopa am')
    await expect.poll(() => page.getByRole('option').nth(1).textContent()).toContain('CICOPA Americas')
    await open.press('ArrowDown')
    expect(await page.locator('[role="option"][aria-selected="true"]').textContent()).toContain('CICOPA Americas')
    expect((await focused(page)).id).toBe('palette-input')
    await open.press('Enter')
    await expect.poll(() => page.url()).toContain('#/org/cicopa-americas')
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', id: 'profile-title', tabindex: '-1' })
    expect((await focused(page)).text).toContain('CICOPA Americas')
    await screenshot(page, 'keyboard-1-arrived')

    // 2. Its members: Alt+O opens "On this page" at its first section, M goes to Members, Enter jumps there.
    const members = new Keys(page)
    await members.press('Alt+o')
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'button', text: 'Figures' })
    await screenshot(page, 'keyboard-2-outline')
    await members.press('m')
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Members' })
    await members.press('Enter')
    expect(await focused(page)).toMatchObject({ tag: 'h3', text: 'Members', tabindex: '-1', section: 'Relations' })
    // The next Tab is the first member.
    await members.press('Tab')
    const member = await focused(page)
    expect(member).toMatchObject({ tag: 'a', group: 'Members' })
    expect(member.href).toMatch(/^#\/org\/[a-z0-9-]+/)
    await screenshot(page, 'keyboard-3-members')

    // 3. A note: Alt+O, Y (Your notes), Enter, Tab to "New note", Enter (focus in the text), the text, Ctrl+Enter saves, Escape closes.
    const text = 'Ask about the Mercosur meeting'
    const note = new Keys(page)
    await note.press('Alt+o')
    await note.press('y')
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Your notes' })
    await note.press('Enter')
    expect(await focused(page)).toMatchObject({ tag: 'h2', id: 'notes-heading', tabindex: '-1' })
    await note.press('Tab')
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'New note' })
    await note.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', label: 'New note on CICOPA Americas' })
    await note.type(text)
    await note.press('Control+Enter')
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')
    expect(await storeText(dataDir)).toContain(text)
    await note.press('Escape')
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'button', text: 'New note' })
    expect(await page.locator('.notes .note-body').first().textContent()).toContain(text)
    await screenshot(page, 'keyboard-4-note')

    // Kept: a reload shows it.
    await page.reload()
    await expect.poll(() => page.locator('.notes .note-body').first().textContent()).toContain(text)

    // The budgets: the counts measured (12, 4, 7 + the note's length) and a small margin.
    expect(open.count).toBeLessThanOrEqual(14)
    expect(members.count).toBeLessThanOrEqual(5)
    expect(note.count).toBeLessThanOrEqual(9 + text.length)
    expect(problems).toEqual([])
  })
})
