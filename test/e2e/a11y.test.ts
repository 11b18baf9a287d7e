import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { audit } from './support/axe'
import { launchChromium, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'

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
  for (const [name, hash] of VIEWS) {
    it(`${name}: no violations in light, no colour failing in dark, and no request leaves the app`, async () => {
      const context = await browser.newContext({ bypassCSP: true, colorScheme: 'light', viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      const problems = watchPage(page, server.origin)
      await page.goto(`${server.url}${hash}`)
      await page.locator('main').waitFor()
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300)
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
      expect(problems.filter((p) => p.startsWith('request left'))).toEqual([])
      await context.close()
    })
  }
})

describe('accessibility in French and Spanish (the pack in the reader language, names and quotations marked as such)', () => {
  const views: [string, [string, string][]][] = [
    ['fr-FR', VIEWS],
    ['es-ES', VIEWS],
  ]
  for (const [locale, list] of views) {
    for (const [name, hash] of list) {
      it(`${name} in ${locale}: no violations`, async () => {
        const context = await browser.newContext({ bypassCSP: true, locale, viewport: { width: 1280, height: 800 } })
        const page = await context.newPage()
        await page.goto(`${server.url}${hash}`)
        await page.locator('main').waitFor()
        await page.waitForLoadState('networkidle')
        await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0)
        expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2))
        expect(await audit(page)).toEqual([])
        await context.close()
      })
    }
  }
})
