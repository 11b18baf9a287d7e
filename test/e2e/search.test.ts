import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'

let browser: Browser
let server: BrowseProcess
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-search-'))
  server = await startBrowse({ dataDir })
  browser = await launchChromium()
})
// Each test's pages close with it: an open page would go on remembering its place in the shared store.
afterEach(async () => {
  for (const context of browser.contexts()) await context.close()
})
afterAll(async () => {
  await browser.close()
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** A call straight to the browse server, as the page's bridge makes it. */
async function api(name: string, input: unknown): Promise<unknown> {
  const token = new URL(server.url).searchParams.get('token')!
  const response = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-atlas-token': token },
    body: JSON.stringify(input),
  })
  return response.json()
}

describe('finding things by keyboard', () => {
  it('opens the palette on Ctrl+K, ranks the exact acronym first, and goes there on Enter', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const problems = watchPage(page, server.origin)
    await page.goto(server.url)
    await page.getByRole('navigation', { name: 'Organisations' }).waitFor()
    await page.keyboard.press('Control+k')
    const input = page.getByRole('combobox', { name: /Search organisations/ })
    await input.fill('cecop')
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('CECOP')
    await screenshot(page, 'search-1-palette')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain('#/org/cecop')

    await page.keyboard.press('Control+k')
    await input.fill('Confédération')
    await expect.poll(() => page.locator('.palette mark').count()).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('dialog.palette').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false)
    expect(problems).toEqual([])
  })

  it('finds what holds every word, a quoted phrase as written, and only the kind chosen, by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const problems = watchPage(page, server.origin)
    await page.goto(server.url)
    await page.getByRole('navigation', { name: 'Organisations' }).waitFor()
    await page.keyboard.press('Control+k')
    const input = page.getByRole('combobox', { name: /Search organisations/ })
    const options = () => page.getByRole('option').allTextContents()
    // A name and a fact of the profile (CECOP's founding year).
    await input.fill('cecop 1979')
    await expect.poll(async () => (await options())[0]).toContain('CECOP')
    // A phrase: fewer results than the same words loose, each holding the words in that order.
    await input.fill('worker cooperatives')
    await expect.poll(async () => (await options()).length).toBeGreaterThan(0)
    const loose = (await options()).length
    await input.fill('"worker cooperatives"')
    await expect.poll(async () => (await options()).length).toBeLessThan(loose)
    // Tab reaches the filter; arrows choose a kind; only that kind is listed, under its heading.
    await page.keyboard.press('Tab')
    const filter = page.getByRole('radiogroup', { name: 'Show' })
    await expect.poll(() => filter.getByRole('radio', { checked: true }).textContent()).toBe('All')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => filter.getByRole('radio', { checked: true }).textContent()).toBe('History')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History')
    await expect.poll(() => page.locator('.palette-group').allTextContents()).toEqual(['History'])
    await screenshot(page, 'search-2-phrase-filtered')
    await page.keyboard.press('Shift+Tab')
    await input.fill('cecop')
    await expect.poll(() => page.locator('.palette-group').allTextContents()).toEqual(['History'])
    expect(problems).toEqual([])
  })

  it('finds a note the moment it is written', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}#/org/cicopa`)
    await page.getByRole('button', { name: 'New note' }).waitFor() // the app is on screen: keys reach it
    await page.keyboard.press('Control+k') // build the index before the note exists
    await page.getByRole('combobox', { name: /Search organisations/ }).fill('cicopa')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'New note' }).click()
    await page.getByLabel('New note on CICOPA').fill('Ask about the Zanzibar workshop')
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')
    await page.keyboard.press('Control+k')
    await page.getByRole('combobox', { name: /Search organisations/ }).fill('zanzib')
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Zanzibar')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain('#/org/cicopa')
  })

  it('goes back and forward with Alt+Left and Alt+Right', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}#/org/cecop`)
    await page.getByRole('link', { name: 'Timeline' }).click()
    await expect.poll(() => page.url()).toContain('#/timeline')
    await page.keyboard.press('Alt+ArrowLeft')
    await expect.poll(() => page.url()).toContain('#/org/cecop')
    await page.keyboard.press('Alt+ArrowRight')
    await expect.poll(() => page.url()).toContain('#/timeline')
  })

  it('switches the whole interface to French, and keeps it and the last place at the next start', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}#/settings`)
    await page.getByLabel('Language').selectOption('fr')
    await expect.poll(() => page.getByRole('navigation', { name: 'Vues' }).textContent()).toContain('Chronologie')
    await page.goto(`${server.url}#/org/cicopa`)
    // The last place is remembered a moment after arriving: wait until main has it.
    const lastRoute = async () => ((await api('settings.get', {})) as { value: { lastRoute: string } }).value.lastRoute
    await expect.poll(lastRoute, { timeout: 5000 }).toBe('#/org/cicopa')
    const next = await browser.newPage()
    await next.goto(server.url)
    await expect.poll(() => next.url()).toContain('#/org/cicopa')
    await expect.poll(() => next.getByRole('heading', { level: 2, name: 'Vos notes' }).count()).toBe(1)
    await screenshot(next, 'search-2-french')
    await api('settings.update', { language: 'en' })
  })

  it('follows the system theme, and the choice in Settings over it, pictures included', async () => {
    const context = await browser.newContext({ colorScheme: 'light' })
    const page = await context.newPage()
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.goto(`${server.url}#/settings`)
    await expect.poll(background).toBe('rgb(250, 248, 244)')
    await page.getByLabel('Appearance').selectOption('dark')
    await expect.poll(background).toBe('rgb(27, 26, 24)')
    await page.goto(`${server.url}#/map`)
    // A land mass with no organisation, drawn in the dark map colour, not the light one.
    const land = () =>
      page.evaluate(
        () =>
          getComputedStyle(document.querySelector('.map-view path.land:not([data-code])') ?? document.querySelector('.map-view path.land')!)
            .fill,
      )
    await expect.poll(land).toBe('rgb(56, 53, 47)')
    await page.goto(`${server.url}#/settings`)
    await page.getByLabel('Appearance').selectOption('system')
    await expect.poll(background).toBe('rgb(250, 248, 244)')
    await context.close()
  })
})
