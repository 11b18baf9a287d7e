/**
 * Citing, in real Chromium under the app's CSP: a source copied as APA in English and as ISO 690 in French, a fact
 * with its sources, and a profile's and the whole pack's sources saved as BibTeX and RIS files that citation.js's
 * own parsers read back. The CSL machinery loads only when first used, and nothing is fetched from outside.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { screenshot, useBrowseSession, watchPage, type BrowseProcess } from './support/browse'

const session = useBrowseSession('citations')
let server: BrowseProcess
let dataDir: string

beforeAll(async () => {
  dataDir = await session.folder()
  server = await session.serve({ dataDir })
})

async function open(locale: string): Promise<{ page: Page; problems: string[] }> {
  const context = await session.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale,
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const page = await context.newPage()
  const problems = watchPage(page, server.origin)
  return { page, problems }
}

/** The scripts the page has loaded so far, by file name. */
const scripts = (page: Page) =>
  page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) =>
      r.name
        .split('/')
        .pop()!
        .replace(/-[\w-]{8}\.js$/, ''),
    ),
  )

describe('citing a source', () => {
  it('copies a source in APA and a fact with its sources, loading the CSL machinery only then', async () => {
    const { page, problems } = await open('en-GB')
    await page.goto(`${server.url}#/org/cecop`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await scripts(page)).not.toContain('engine')

    const founded = page.locator('dt', { hasText: 'Founded' }).locator('xpath=following-sibling::dd[1]')
    await founded.getByRole('button', { name: /^Source \d+: What is CECOP\?/ }).click()
    const dialog = page.getByRole('dialog', { name: 'What is CECOP?' })
    await dialog.getByLabel('Citation style').selectOption({ label: 'APA (7th edition)' })
    await dialog.getByRole('button', { name: 'Copy the citation' }).click()
    const shown = dialog.locator('.citation')
    await expect
      .poll(() => shown.textContent(), { timeout: 15_000 })
      .toBe('What is CECOP? (n.d.). CECOP. Retrieved November 23, 2026, from https://www.cecop.coop/aboutCecop')
    expect(await dialog.getByRole('status').textContent()).toContain('Copied:')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await shown.textContent())
    expect(await scripts(page)).toEqual(expect.arrayContaining(['engine', 'apa', 'locales-en-US']))
    expect(await scripts(page)).not.toContain('chicago-author-date')
    await screenshot(page, 'cite-1-apa-en')

    await dialog.getByRole('button', { name: 'Copy the fact with its sources' }).click()
    await expect
      .poll(() => shown.textContent())
      .toMatch(/^Founded \(CECOP\): 1979 — What is CECOP\? \(n\.d\.\)\. CECOP\. .+; \[Article 140343/)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await shown.textContent())
    await screenshot(page, 'cite-2-fact-en')
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('copies a source in ISO 690 in French, with the French style file', async () => {
    const { page, problems } = await open('fr-FR')
    await page.goto(`${server.url}#/org/cecop`)
    const founded = page.locator('dt', { hasText: 'Fondation' }).locator('xpath=following-sibling::dd[1]')
    await founded.getByRole('button', { name: /^Source \d+ : What is CECOP\?/ }).click()
    const dialog = page.getByRole('dialog', { name: 'What is CECOP?' })
    await dialog.getByLabel('Style de citation').selectOption({ label: 'ISO 690 (auteur-date)' })
    await dialog.getByRole('button', { name: 'Copier la référence' }).click()
    const shown = dialog.locator('.citation')
    await expect
      .poll(() => shown.textContent(), { timeout: 15_000 })
      .toBe(
        // The French locale's no-break spaces, before the colon and inside the date, as citeproc-js writes them.
        'What is CECOP?, [sans date]. CECOP [en\u00a0ligne]. Disponible à l’adresse\u00a0: https://www.cecop.coop/aboutCecop [Consulté\u00a0le\u00a023\u00a0novembre\u00a02026].',
      )
    expect(await dialog.getByRole('status').textContent()).toContain('Copié :')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await shown.textContent())
    expect(await scripts(page)).toEqual(expect.arrayContaining(['iso690-author-date-fr', 'locales-fr-FR']))
    await screenshot(page, 'cite-3-iso690-fr')
    expect(problems).toEqual([])
    await page.context().close()
  })
})

describe('citing a fact anywhere it is shown', () => {
  it('copies an event’s date and a fact of the plan with their sources, in the reader’s language', async () => {
    const { page, problems } = await open('es-ES')
    await page.goto(`${server.url}#/timeline/cecop-becomes-confederation`)
    const details = page.locator('#event-details-cecop-becomes-confederation')
    await details.waitFor()
    await details.locator('.claims > li').nth(1).locator('button.cite').first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Copiar el dato con sus fuentes' }).click()
    const shown = dialog.locator('.citation')
    await expect
      .poll(() => shown.textContent(), { timeout: 15_000 })
      .toMatch(/^Fecha \(CECOP se convierte en confederación\): c\. 1995 — \S/)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await shown.textContent())
    await screenshot(page, 'cite-4-event-fact-es')
    // The page lists its sources: the panel leads there too.
    await dialog.getByRole('button', { name: /lista de fuentes/ }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^source-/)

    await page.goto(`${server.url}#/plan`)
    const adopted = page.locator('dt', { hasText: 'Aprobado' }).first().locator('xpath=following-sibling::dd[1]')
    await adopted.locator('button.cite').first().click()
    await page.getByRole('dialog').getByRole('button', { name: 'Copiar el dato con sus fuentes' }).click()
    await expect
      .poll(() => page.getByRole('dialog').locator('.citation').textContent(), { timeout: 15_000 })
      .toMatch(/^Aprobado \(.+2021.+\): .+ — \S/)
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('cites a definition of a kind of cooperative from the home page', async () => {
    const { page, problems } = await open('en-GB')
    // #/org, not #/: a start at #/ goes back to the last place (the plan, in the test before).
    await page.goto(`${server.url}#/org`)
    await page.locator('.coop-kind p[lang] button.cite').first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Copy the fact with its sources' }).click()
    await expect.poll(() => dialog.locator('.citation').textContent(), { timeout: 15_000 }).toMatch(/^Definition \(.+\): .+ — \S/)
    expect(problems).toEqual([])
    await page.context().close()
  })
})

describe('exporting sources', () => {
  it("saves a profile's sources as BibTeX that citation.js reads back whole", async () => {
    const { page, problems } = await open('en-GB')
    await page.goto(`${server.url}#/org/cecop`)
    const list = page.locator('section.sources > ol > li')
    await list.first().waitFor()
    const count = await list.count()
    const group = page.getByRole('group', { name: 'Export these sources' })
    await group.scrollIntoViewIfNeeded()
    const download = page.waitForEvent('download')
    await group.getByRole('button', { name: 'BibTeX' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('coop-atlas-sources-cecop.bib')
    const saved = join(dataDir, 'cecop.bib')
    await file.saveAs(saved)
    const entries = new Cite(await readFile(saved, 'utf8')).data
    expect(entries).toHaveLength(count)
    expect(entries.map((e) => e['id'])).toContain('cecop-about')
    expect(entries.find((e) => e['id'] === 'cecop-about')).toMatchObject({
      title: 'What is CECOP?',
      URL: 'https://www.cecop.coop/aboutCecop',
    })
    await screenshot(page, 'cite-4-profile-export')
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('saves every source of the pack as RIS from Settings', async () => {
    const { page, problems } = await open('en-GB')
    await page.goto(`${server.url}#/settings`)
    const section = page.getByRole('region', { name: 'Sources of the reference content' })
    await expect.poll(() => section.textContent()).toContain('Every source the reference content cites (202 sources)')
    const download = page.waitForEvent('download')
    await section.getByRole('button', { name: 'RIS' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^coop-atlas-sources-\d+\.\d+\.\d+\.ris$/)
    const saved = join(dataDir, 'pack.ris')
    await file.saveAs(saved)
    expect(new Cite(await readFile(saved, 'utf8')).data).toHaveLength(202)
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'cite-5-settings-export')
    expect(problems).toEqual([])
    await page.context().close()
  })
})
