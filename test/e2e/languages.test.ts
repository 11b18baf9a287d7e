/**
 * The reference itself in French and Spanish, in real Chromium over the real pack: a French- or Spanish-speaking
 * reader meets no English on the pages that carry the pack's texts, except names and quotations. Two checks per
 * page: every element marked `lang="en"` holds a name or a quotation (marked `translate="no"`, or a link to an
 * organisation), and no other text reads as English (two or more English function words in one text).
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, showView, useBrowseSession, viewShown, watchPage, type BrowseProcess } from './support/browse'

const session = useBrowseSession('languages')
let server: BrowseProcess

beforeAll(async () => {
  server = await session.serve({ dataDir: await session.folder() })
})

const PAGES = [
  ['profile of CICOPA', '#/org/cicopa', 'main h1'],
  ['profile of CECOP', '#/org/cecop', 'main h1'],
  ['profile of CICOPA Americas', '#/org/cicopa-americas', 'main h1'],
  ['profile of COCETA', '#/org/coceta', 'main h1'],
  ['an event', '#/timeline/world-declaration-worker-cooperatives-2005', '#event-details-world-declaration-worker-cooperatives-2005'],
  ['a pillar', '#/plan/cecop-plan-2021-pillar-network', 'main h1'],
  ['the welcome page', '#/', 'main h1'],
  ['compare', '#/compare?ids=cecop,cicopa,cicopa-americas', 'main table'],
  ['the timeline', '#/timeline', 'main h1'],
  ['the plan', '#/plan', 'main h1'],
  ['the network', '#/network', 'main h1'],
  ['the map', '#/map', 'main h1'],
  ['the notes page', '#/notes', 'main h1'],
  ['settings', '#/settings', 'main h1'],
  ['the organisation list', '#/org', 'main h1'],
] as const

/** Texts on the page that a reader of `lang` would meet in English: what the test fails on, with where they are. */
function englishOnPage(page: Page) {
  return page.evaluate(() => {
    // Function words that French and Spanish never use as words of their own.
    const ENGLISH = /\b(the|and|with|was|were|which|from|its|has|have|by|this|that|for)\b/gi
    const allowed = (el: Element) =>
      el.closest('[translate="no"], a[href^="#/org/"], a[href^="#/network/"], script, style, [hidden], [aria-hidden="true"]') !== null
    const found: { text: string; why: string; where: string }[] = []
    const main = document.querySelector('main') ?? document.body
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? ''
      const el = node.parentElement
      if (!el || text.length < 2 || !/\p{L}/u.test(text) || allowed(el)) continue
      const rect = el.getBoundingClientRect()
      if (rect.width === 0 && rect.height === 0) continue // not shown
      const where = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
      const lang = el.closest('[lang]')?.getAttribute('lang') ?? ''
      if (lang === 'en') found.push({ text, why: 'marked English', where })
      // Quotations stay in their language: what is inside quotation marks is not counted.
      else if ((text.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, ' ').match(ENGLISH) ?? []).length >= 2)
        found.push({ text, why: 'reads as English', where })
    }
    return found
  })
}

describe('the reference in French and Spanish', () => {
  for (const [locale, lang] of [
    ['fr-FR', 'fr'],
    ['es-ES', 'es'],
  ] as const) {
    describe(lang, () => {
      // One page per language, opened once and taken from view to view by the app's own links (as a reader goes):
      // a fresh page for each view would cost its start each time.
      let page: Page
      let problems: string[]
      beforeAll(async () => {
        page = await session.browser.newPage({ viewport: { width: 1280, height: 900 }, locale })
        problems = watchPage(page, server.origin)
        // Not #/, which takes the reader back to where the last page left off.
        await page.goto(`${server.url}#/org`)
        await viewShown(page, '#/org')
      })
      afterAll(() => page.close())

      for (const [name, hash, ready] of PAGES) {
        it(`${name} in ${lang}: no English but names and quotations, and the page says its language`, async () => {
          await showView(page, hash)
          await page.locator(ready).first().waitFor()
          expect(await page.locator('html').getAttribute('lang')).toBe(lang)
          expect(await englishOnPage(page)).toEqual([])
          await screenshot(page, `languages-${lang}-${name.replaceAll(' ', '-')}`)
          expect(problems.splice(0)).toEqual([])
        })
      }
    })
  }
})

describe("the window's title", () => {
  it("names the place in the reader's language: the organisation shown, else the view", async () => {
    const page = await session.browser.newPage({ locale: 'fr-FR' })
    await page.goto(`${server.url}#/timeline`)
    await expect.poll(() => page.title()).toBe('Chronologie – Coop Atlas')
    await page.goto(`${server.url}#/org/cecop`)
    await expect.poll(() => page.title()).toBe('CECOP – Coop Atlas')
    await page.goto(`${server.url}#/settings`)
    await expect.poll(() => page.title()).toBe('Réglages – Coop Atlas')
    await page.goto(`${server.url}#/org`)
    await expect.poll(() => page.title()).toBe('Coop Atlas')
    await page.close()
  })
})

describe('the header in every language', () => {
  for (const [locale, search] of [
    ['en-GB', 'Search'],
    ['fr-FR', 'Rechercher'],
    ['es-ES', 'Buscar'],
  ] as const) {
    it(`shows every view's name whole at 1024 px in ${locale}, and still names the search button`, async () => {
      const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 }, locale })
      await page.goto(`${server.url}#/`)
      const nav = page.locator('nav.views')
      await nav.locator('a').first().waitFor()
      // The views' links would scroll sideways (and hide the last ones) if they did not fit.
      const [client, scroll] = await nav.evaluate((e) => [e.clientWidth, e.scrollWidth])
      expect(scroll).toBeLessThanOrEqual(client)
      // Only its icon shows at this width; its word is still its name.
      expect(await page.getByRole('button', { name: search, exact: true }).count()).toBe(1)
      await screenshot(page, `header-1024-${locale}`)
      await page.close()
    })
  }
})

describe("a note's subject", () => {
  it("is named in the reader's language on the notes page (an event's title in French or Spanish, marked so)", async () => {
    const event = 'world-declaration-worker-cooperatives-2005'
    const writer = await session.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    await writer.goto(`${server.url}#/timeline/${event}`)
    await writer.getByRole('button', { name: 'New note' }).click()
    await writer.getByLabel(/^New note on ICA General Assembly approves/).fill('Texte de référence pour la réunion.')
    await expect.poll(() => writer.locator('[data-status]').getAttribute('data-status')).toBe('saved')
    await writer.close()
    for (const [locale, lang, title] of [
      ['fr-FR', 'fr', 'L’assemblée générale de l’ICA approuve la Déclaration mondiale sur les coopératives de travail associé'],
      ['es-ES', 'es', 'La Asamblea General de la ICA aprueba la Declaración Mundial sobre las Cooperativas de Trabajo Asociado'],
    ] as const) {
      const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 }, locale })
      await page.goto(`${server.url}#/notes`)
      const subject = page.locator('.note-about a').first()
      await expect.poll(() => subject.textContent()).toBe(title)
      expect(await subject.getAttribute('lang')).toBe(lang)
      // The notes page's filter finds the note by its subject in the reader's words.
      await page
        .getByRole('searchbox')
        .first()
        .fill(lang === 'fr' ? 'declaration mondiale' : 'declaracion mundial')
      await expect.poll(() => page.locator('.note-about a').count()).toBe(1)
      await screenshot(page, `notes-subject-${lang}`)
      await page.close()
    }
  })
})
