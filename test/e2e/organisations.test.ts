/**
 * The organisations view in real Chromium, over the real pack: the list's filters in the address, compare side by
 * side, sources on demand, and the printed briefing sheet. Screenshots in light and dark, small and large.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appTab, launchChromium, PROJECT_ROOT, screenshot, startBrowse, watchPage, type BrowseProcess } from './support/browse'

let browser: Browser
let server: BrowseProcess
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-orgs-'))
  browser = await launchChromium()
  server = await startBrowse({ dataDir })
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
  await rm(dataDir, { recursive: true, force: true })
})

type Size = { width: number; height: number }
const SMALL: Size = { width: 1024, height: 700 }
const LARGE: Size = { width: 1920, height: 1080 }

const tab = appTab(() => browser)
const open = (hash: string, size: Size = SMALL, colorScheme: 'light' | 'dark' = 'light') =>
  tab(server, hash, { viewport: size, colorScheme })

const list = (page: Page) => page.getByRole('navigation', { name: 'Organisations' })
const listedIds = (page: Page) =>
  list(page)
    .locator('a[data-org-id]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-org-id')))
const focusedId = (page: Page) => page.locator(':focus').getAttribute('id')
const count = (page: Page) => list(page).locator('.count').textContent()

describe('the organisation list', () => {
  it('narrows by kind and membership, keeps the filters in the address across a reload, and clears them', async () => {
    const { page, problems } = await open('#/org/cecop')
    await expect.poll(() => list(page).getByRole('link').count()).toBeGreaterThan(50)
    const total = await list(page).getByRole('link').count()
    expect(await count(page)).toBe(`${total} of ${total}`)

    await list(page).getByLabel('Kind').selectOption('national-federation')
    await list(page).getByRole('group', { name: 'Member of' }).getByRole('button', { name: 'CECOP' }).click()
    const narrowed = await listedIds(page)
    expect(narrowed.length).toBeGreaterThan(5)
    expect(narrowed.length).toBeLessThan(total)
    expect(narrowed).toContain('cg-scop')
    expect(narrowed).not.toContain('cicopa') // not a national federation
    expect(narrowed).not.toContain('jwcu') // a national federation, but not in CECOP
    expect(await count(page)).toBe(`${narrowed.length} of ${total}`)
    expect(page.url()).toMatch(/#\/org\/cecop\?.*kind=national-federation/)
    expect(page.url()).toContain('member=cecop')
    // An inferred membership is counted, and said to be inferred.
    expect(narrowed).toContain('workers-coop')
    expect(await list(page).locator('a[data-org-id="workers-coop"]').textContent()).toContain('membership of CECOP inferred')
    await screenshot(page, 'orgs-1-filtered-1024')

    await page.reload()
    await expect.poll(() => listedIds(page)).toEqual(narrowed)
    expect(await list(page).getByLabel('Kind').inputValue()).toBe('national-federation')
    expect(await list(page).getByRole('button', { name: 'CECOP' }).getAttribute('aria-pressed')).toBe('true')

    // Going to another profile from the list keeps the filters.
    await list(page).locator('a[data-org-id="cg-scop"]').click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Scop')
    expect(page.url()).toContain('member=cecop')
    expect(await listedIds(page)).toEqual(narrowed)

    await list(page).getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => list(page).getByRole('link').count()).toBe(total)
    expect(page.url()).not.toContain('member=')
    expect(await focusedId(page)).toBe('org-filter')
    expect(problems).toEqual([])
  })

  it('sorts by founding year and works from the keyboard alone', async () => {
    const { page, problems } = await open('#/org')
    await expect.poll(() => list(page).getByRole('link').count()).toBeGreaterThan(50)
    await list(page).getByLabel('Sort by').selectOption('founded')
    await expect.poll(() => page.url()).toContain('sort=founded')
    // Each entry shows its founding year; years rise down the list, and entries without one come last.
    const years = await list(page)
      .locator('a[data-org-id]')
      .evaluateAll((links) => links.map((a) => Number(a.querySelector('.org-year')?.textContent ?? 'NaN')))
    const dated = years.filter((y) => !Number.isNaN(y))
    expect(dated.length).toBeGreaterThan(20)
    expect(dated).toEqual(dated.toSorted((a, b) => a - b))
    expect(years.slice(0, dated.length)).toEqual(dated)

    // Type in the search field, arrow down to the first result, open it with Enter.
    await list(page).getByLabel('Filter organisations').focus()
    await page.keyboard.type('mondragon')
    await expect.poll(() => listedIds(page)).toEqual(['mondragon'])
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain('#/org/mondragon')
    expect(page.url()).toContain('q=mondragon')

    // Tab reaches every control of the filter row in order.
    await list(page).getByLabel('Filter organisations').focus()
    const reached: string[] = []
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab')
      reached.push(await page.locator(':focus').evaluate((el) => el.getAttribute('id') ?? el.textContent?.trim() ?? ''))
    }
    expect(reached).toEqual(['org-kind', 'org-region', 'org-country', 'org-sort', 'CECOP', 'CICOPA', 'Clear filters'])
    expect(problems).toEqual([])
  })
})

describe('compare', () => {
  it('opens from a profile, adds a second organisation with the picker, and links back to both profiles', async () => {
    const { page, problems } = await open('#/org/cecop')
    await page.locator('.profile-actions').getByRole('link', { name: 'Compare' }).click()
    await expect.poll(() => page.url()).toContain('#/compare?ids=cecop')
    await page.getByLabel('Add an organisation').selectOption('cicopa')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await expect.poll(() => page.url()).toContain('ids=cecop%2Ccicopa')

    const table = page.getByRole('table')
    const heads = table.locator('thead th[scope="col"]')
    await expect.poll(() => heads.count()).toBe(2)
    expect(await heads.nth(0).getByRole('link').first().getAttribute('href')).toBe('#/org/cecop')
    expect(await heads.nth(1).getByRole('link').first().getAttribute('href')).toBe('#/org/cicopa')
    // Side by side: the founding row has one cell per organisation, in column order.
    const founded = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Founded' }) })
    expect(await founded.getByRole('cell').allTextContents()).toEqual([expect.stringContaining('1979'), expect.stringContaining('1947')])
    // CECOP's two founding accounts give the same year and differ on the founders: marked as that, not as a disagreement.
    expect(await founded.getByRole('cell').nth(0).textContent()).toContain('same value, details differ')
    // Every cited source is listed under the table.
    const cited = await page.locator('.compare-table .cite').count()
    expect(cited).toBeGreaterThan(10)
    expect(await page.locator('.sources li').count()).toBeGreaterThan(5)
    await screenshot(page, 'compare-1-two-1024')

    await heads.nth(1).getByRole('link', { name: 'CICOPA' }).click()
    await expect.poll(() => page.url()).toContain('#/org/cicopa')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('CICOPA')
    expect(problems).toEqual([])
  })

  it('takes up to four organisations, from a link, and removes one from its column', async () => {
    const { page, problems } = await open('#/compare?ids=cicopa,cecop,cg-scop,coceta,no-such-org', LARGE)
    await expect.poll(() => page.locator('thead th[scope="col"]').count()).toBe(4)
    expect(await page.getByRole('alert').textContent()).toContain('no-such-org')
    expect(await page.getByLabel('Add an organisation').isDisabled()).toBe(true)
    await screenshot(page, 'compare-2-four-1920')
    await page.getByRole('button', { name: 'Remove CG Scop from the comparison' }).click()
    await expect.poll(() => page.locator('thead th[scope="col"]').count()).toBe(3)
    expect(page.url()).toContain('ids=cicopa%2Ccecop%2Ccoceta')
    expect(await page.getByLabel('Add an organisation').isDisabled()).toBe(false)
    expect(await focusedId(page)).toBe('compare-add')
    expect(problems).toEqual([])
  })
})

describe('sources on demand', () => {
  it('opens a source beside its mark and closes it with Escape, giving focus back to the mark', async () => {
    const { page, problems } = await open('#/org/cecop')
    const founded = page.locator('.facts dd').first()
    const mark = founded.locator('.cite').first()
    await mark.waitFor()
    await mark.click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const label = (await mark.getAttribute('aria-label'))!
    const title = label.replace(/^Source \d+: /, '')
    expect(await dialog.textContent()).toContain(title)
    expect(await dialog.textContent()).toContain('Consulted')
    expect(await dialog.textContent()).toContain('Founded in Manchester') // the fact's note
    await screenshot(page, 'popover-1-1024')

    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await mark.evaluate((el) => el.matches(':focus'))).toBe(true)

    // Disagreeing figures are marked on each row that disagrees.
    const disputedRows = page.locator('table.figures tr').filter({ hasText: 'sources disagree' })
    expect(await disputedRows.count()).toBeGreaterThanOrEqual(2)
    expect(problems).toEqual([])
  })
})

describe('the briefing sheet', () => {
  it('prints the profile with its sources and notes, without the app around it, and saves as PDF', async () => {
    const { page, problems } = await open('#/org/cecop')
    // The note is made through the app's own bridge: the notes panel's editing is tested elsewhere.
    await page.waitForFunction(() => 'atlas' in globalThis)
    await page.evaluate(async () => {
      const atlas = (globalThis as unknown as { atlas: { notes: { create(input: unknown): Promise<{ ok: boolean }> } } }).atlas
      const result = await atlas.notes.create({ target: { kind: 'organisation', id: 'cecop' }, body: 'Ask about the **2025 congress**.' })
      if (!result.ok) throw new Error('the note was not created')
    })
    await page.reload()
    await expect.poll(() => page.locator('.note-body strong').textContent()).toBe('2025 congress')

    expect(await page.locator('.briefing-head').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.app-header').isVisible()).toBe(false)
    expect(await list(page).isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print briefing' }).isVisible()).toBe(false)
    expect(await page.locator('.notes button').first().isVisible()).toBe(false)
    expect(await page.locator('.briefing-head').textContent()).toMatch(/Coop Atlas.*Pack \d+\.\d+\.\d+.*Printed/)
    expect(await page.locator('.note-body').textContent()).toContain('Ask about the 2025 congress.')
    const sources = page.locator('.sources li')
    expect(await sources.count()).toBeGreaterThan(5)
    expect(await sources.first().isVisible()).toBe(true)
    const printedUrl = await page
      .locator('.sources a.external')
      .first()
      .evaluate((a) => a.ownerDocument.defaultView!.getComputedStyle(a, '::after').content)
    expect(printedUrl).toContain('https://')
    expect(await page.locator('body').evaluate((b) => b.ownerDocument.defaultView!.getComputedStyle(b).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    )

    await mkdir(join(PROJECT_ROOT, 'test-results/screenshots'), { recursive: true })
    // The print layout, page-sized pieces of it, to look at.
    const height = await page.locator('html').evaluate((html) => html.scrollHeight)
    for (const [n, y] of [0, Math.max(0, height - 2200), Math.max(0, height - 1100)].entries()) {
      const clip = { x: 0, y, width: SMALL.width, height: Math.min(1100, height - y) }
      await page.screenshot({ path: join(PROJECT_ROOT, `test-results/screenshots/briefing-print-${n + 1}.png`), fullPage: true, clip })
    }
    const path = join(PROJECT_ROOT, 'test-results/briefing.pdf')
    await page.pdf({ path, format: 'A4', preferCSSPageSize: true, printBackground: true })
    const pdf = await readFile(path)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(20_000)
    await page.emulateMedia({ media: 'screen' })
    expect(problems).toEqual([])
  })
})

describe('the reference in the reader’s language', () => {
  for (const [locale, lang, heading] of [
    ['fr-FR', 'fr', 'coopératives'],
    ['es-ES', 'es', 'cooperativas'],
  ] as const) {
    it(`shows a profile’s description, an event and a pillar in ${lang}, marked as such`, async () => {
      const page = await browser.newPage({ viewport: SMALL, locale })
      const problems = watchPage(page, server.origin)
      await page.goto(`${server.url}#/org/cecop`)
      const description = page.locator('.description').first()
      await expect.poll(() => description.textContent()).toContain(heading)
      // The element or one around it says which language it is in.
      expect(await description.getAttribute('lang')).toBe(lang)
      await screenshot(page, `languages-profile-${lang}`)
      // The original English is one click away, marked as English, and the translation one more.
      const original = description.getByRole('button', { name: lang === 'fr' ? 'Anglais original' : 'Inglés original' })
      await original.click()
      await expect.poll(() => description.getAttribute('lang')).toBe('en')
      expect(await description.textContent()).toContain('Manchester')
      await description.getByRole('button', { name: lang === 'fr' ? 'Traduction' : 'Traducción' }).click()
      await expect.poll(() => description.getAttribute('lang')).toBe(lang)
      await page.goto(`${server.url}#/plan`)
      await expect.poll(async () => (await page.locator(`main [lang="${lang}"]`).count()) > 0).toBe(true)
      // Quoted titles of English documents stay English (marked translate="no"); nothing else does.
      expect(await page.locator('main [lang="en"]:not([translate="no"])').count()).toBe(0)
      await page.goto(`${server.url}#/timeline`)
      await expect.poll(async () => (await page.locator(`main [lang="${lang}"]`).count()) > 0).toBe(true)
      expect(problems).toEqual([])
    })
  }
})

describe('looks', () => {
  it('speaks the reader’s language: the filters, the panel and compare in French', async () => {
    const page = await browser.newPage({ viewport: SMALL, locale: 'fr-FR' })
    const problems = watchPage(page, server.origin)
    await page.goto(`${server.url}#/org/cecop?kind=national-federation`)
    const nav = page.getByRole('navigation', { name: 'Organisations' })
    await expect.poll(() => nav.getByLabel('Type').inputValue()).toBe('national-federation')
    expect(await nav.locator('.count').textContent()).toMatch(/^\d+ sur \d+$/)
    expect(await nav.getByRole('button', { name: 'Effacer les filtres' }).isVisible()).toBe(true)
    await page.locator('.facts .cite').first().click()
    expect(await page.getByRole('dialog').textContent()).toContain('Consulté')
    await screenshot(page, 'looks-french-1024')
    await page.goto(`${server.url}#/compare?ids=cecop,cicopa`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Comparer')
    expect(await page.getByRole('rowheader', { name: 'Fondation' }).isVisible()).toBe(true)
    expect(problems).toEqual([])
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, size] of [
      ['1024', SMALL],
      ['1920', LARGE],
    ] as const) {
      it(`profile and compare in ${colorScheme} at ${name}`, async () => {
        const { page, problems } = await open('#/org/cecop?member=cicopa', size, colorScheme)
        await expect.poll(() => page.getByRole('heading', { name: 'Sources' }).isVisible()).toBe(true)
        await screenshot(page, `looks-profile-${colorScheme}-${name}`)
        await page.locator('table.figures .cite').first().click()
        await page.getByRole('dialog').waitFor()
        await screenshot(page, `looks-popover-${colorScheme}-${name}`)
        await page.goto(`${server.url}#/compare?ids=cecop,cicopa,cicopa-americas`)
        await expect.poll(() => page.locator('thead th[scope="col"]').count()).toBe(3)
        await screenshot(page, `looks-compare-${colorScheme}-${name}`)
        await page
          .locator('tr.section')
          .nth(1)
          .evaluate((row) => row.scrollIntoView({ block: 'start' }))
        await screenshot(page, `looks-compare-relations-${colorScheme}-${name}`)
        expect(problems).toEqual([])
      })
    }
  }
})
