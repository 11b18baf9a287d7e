/**
 * Every view fits every window (issue 17): at 480, 768, 1024, 1280 and 1920 pixels, in English, French and
 * Spanish, nothing makes the page scroll sideways, nothing sticks out of the window, and no text is cut off by a
 * box too small for it. Scrolling areas made for it (a wide table, the network diagram, the views' strip) may hold
 * more than they show; an ellipsis that keeps the whole text in a tooltip is not a cut. A screenshot of each.
 */
import { describe, expect, it } from 'vitest'
import { screenshot, showView, useBrowseSession, viewShown, watchPage } from './support/browse'

const session = useBrowseSession('widths')

const WIDTHS = [480, 768, 1024, 1280, 1920]
const LOCALES = ['en-GB', 'fr-FR', 'es-ES']
const VIEWS: [string, string][] = [
  ['home', '#/'],
  ['profile', '#/org/cicopa-americas'],
  ['network', '#/network'],
  ['map', '#/map'],
  ['timeline', '#/timeline'],
  ['plan', '#/plan'],
  ['compare', '#/compare?ids=cecop,cicopa,cicopa-americas'],
  ['notes', '#/notes'],
  ['settings', '#/settings'],
]

/** What does not fit, described for a failure message (run in the page). */
function misfits(): string[] {
  const problems: string[] = []
  const root = document.documentElement
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`)
  for (const main of document.querySelectorAll('main'))
    if (main.scrollWidth > main.clientWidth + 1)
      problems.push(`the page's content scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`)
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`
  // A box made to scroll sideways (a wide table's frame, the diagram's); not the page's main area, which scrolls
  // down (its overflow-x is auto only because its overflow-y is) and must hold nothing wider than itself.
  const scrolls = (el: Element) => el.tagName !== 'MAIN' && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
  const insideScroller = (el: Element) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (scrolls(up)) return true
    return false
  }
  const hidden = (el: Element) => {
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden') return true
    // Visually hidden for screen readers only (.visually-hidden, the skip link off screen until focused).
    const rect = el.getBoundingClientRect()
    return rect.width <= 1 || rect.height <= 1 || style.clipPath === 'inset(50%)' || rect.right < 0
  }
  for (const el of document.querySelectorAll('body *')) {
    if (hidden(el) || el.closest('svg') || el.closest('dialog:not([open])')) continue
    const rect = el.getBoundingClientRect()
    if ((rect.right > window.innerWidth + 1 || rect.left < -1) && !insideScroller(el))
      problems.push(`${describe(el)} sticks out of the window`)
    const style = getComputedStyle(el)
    const clips = ['hidden', 'clip'].includes(style.overflowX)
    const cut = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
    const told = style.textOverflow === 'ellipsis' && (el.getAttribute('title') || el.closest('[title]'))
    if (clips && cut && !told && (el.textContent ?? '').trim() !== '') problems.push(`${describe(el)} cuts its text`)
  }
  return [...new Set(problems)].slice(0, 15)
}

describe('every view at every width, in three languages', () => {
  for (const locale of LOCALES) {
    it(`fits from 480 to 1920 pixels in ${locale}`, { timeout: 240_000 }, async () => {
      const server = await session.serve({ dataDir: await session.folder() })
      const page = await session.browser.newPage({ locale, viewport: { width: 1280, height: 800 } })
      const problems = watchPage(page, server.origin)
      const found: string[] = []
      await page.goto(`${server.url}#/`)
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 })
        for (const [name, hash] of VIEWS) {
          await showView(page, hash)
          for (const problem of await page.evaluate(misfits)) found.push(`${name} at ${width}: ${problem}`)
          await screenshot(page, `width-${width}-${locale.slice(0, 2)}-${name}`)
        }
      }
      expect(found).toEqual([])
      expect(problems).toEqual([])
    })
  }

  it('folds the views into a menu and the list into a drawer on a narrow window, both reachable by keyboard', async () => {
    const server = await session.serve({ dataDir: await session.folder() })
    const page = await session.browser.newPage({ viewport: { width: 480, height: 800 } })
    await page.goto(`${server.url}#/org/cecop`)
    await viewShown(page, '#/org/cecop')
    expect(await page.getByRole('navigation', { name: 'Views' }).isVisible()).toBe(false)
    const menu = page.getByRole('button', { name: 'Menu' })
    await menu.focus()
    await page.keyboard.press('Enter')
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Timeline' }).click()
    await expect.poll(() => page.url()).toContain('#/timeline')
    // Choosing a view closes the menu.
    expect(await menu.getAttribute('aria-expanded')).toBe('false')

    await page.goto(`${server.url}#/org/cecop`)
    await viewShown(page, '#/org/cecop')
    const toggle = page.getByRole('button', { name: 'List of organisations' })
    await toggle.click()
    // The drawer opens with the filter in focus; Escape closes it and gives focus back to its button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('#org-drawer') !== null)).toBe(true)
    await page.keyboard.press('Escape')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.evaluate(() => document.activeElement?.classList.contains('list-toggle'))).toBe(true)
    await toggle.click()
    await page
      .locator('#org-drawer')
      .getByRole('link', { name: /^CICOPA Americas/ })
      .click()
    await expect.poll(() => page.url()).toContain('#/org/cicopa-americas')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await screenshot(page, 'narrow-480-after-drawer')
  })
})
