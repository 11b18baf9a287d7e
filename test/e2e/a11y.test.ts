import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { audit } from './support/axe'
import { launchChromium, screenshot, showView, startBrowse, viewShown, watchPage, type BrowseProcess } from './support/browse'

/** Every view, as a user reaches it. */
const VIEWS: [string, string][] = [
  ['home', '#/'],
  ['profile', '#/org/cecop'],
  ['network', '#/network'],
  ['map', '#/map'],
  ['timeline', '#/timeline'],
  ['plan', '#/plan'],
  ['compare', '#/compare?ids=cecop,cicopa'],
  ['notes', '#/notes'],
  ['settings', '#/settings'],
]

let browser: Browser
let server: BrowseProcess
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-a11y-'))
  server = await startBrowse({ dataDir })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('accessibility (WCAG 2.2 AA, axe-core) on every view, light and dark', () => {
  // One page, taken from view to view by the app's own links as a reader goes (a fresh page each time would cost
  // its start each time).
  let context: BrowserContext
  let page: Page
  let problems: string[]
  beforeAll(async () => {
    context = await browser.newContext({ bypassCSP: true, colorScheme: 'light', viewport: { width: 1280, height: 800 } })
    page = await context.newPage()
    problems = watchPage(page, server.origin)
    // Not #/, which takes the reader back to where the last page left off.
    await page.goto(`${server.url}#/org`)
    await viewShown(page, '#/org')
  })
  afterAll(() => context.close())

  for (const [name, hash] of VIEWS) {
    it(`${name}: no violations in light, no colour failing in dark, and no request leaves the app`, async () => {
      await page.emulateMedia({ colorScheme: 'light' })
      await showView(page, hash)
      await screenshot(page, `view-${name}`)
      expect(await audit(page)).toEqual([])
      // Dark mode changes colours only (every colour is CSS light-dark()), so the same page is switched and its
      // colours audited again, instead of loading and auditing the whole view a second time.
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      const light = await background()
      await page.emulateMedia({ colorScheme: 'dark' })
      expect(await background()).not.toBe(light)
      await screenshot(page, `view-${name}-dark`)
      expect(await audit(page, 'colours')).toEqual([])
      expect(problems.splice(0).filter((p) => p.startsWith('request left'))).toEqual([])
    })
  }
})

describe('accessibility in French and Spanish (the pack in the reader language, names and quotations marked as such)', () => {
  for (const locale of ['fr-FR', 'es-ES']) {
    describe(locale, () => {
      let context: BrowserContext
      let page: Page
      beforeAll(async () => {
        context = await browser.newContext({ bypassCSP: true, locale, viewport: { width: 1280, height: 800 } })
        page = await context.newPage()
        // Not #/, which takes the reader back to where the last page left off.
        await page.goto(`${server.url}#/org`)
        await viewShown(page, '#/org')
      })
      afterAll(() => context.close())

      for (const [name, hash] of VIEWS) {
        it(`${name} in ${locale}: no violations`, async () => {
          await showView(page, hash)
          expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2))
          expect(await audit(page)).toEqual([])
        })
      }
    })
  }
})
