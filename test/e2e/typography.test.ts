/**
 * What a careful reader notices, in the built app: a separator always has its spaces ("Italy · founded in 1985", never
 * "Italy·founded"), a bracket or a dash is never glued to the word before it ("Walter Tesch (São Paulo)", not
 * "Walter Tesch(São Paulo)"), and nothing is in two pairs of brackets. Every view, in three languages. And the first
 * view is set in its own fonts from its first layout, not in a fallback that they replace later.
 */
import { describe, expect, it } from 'vitest'
import { showView, useBrowseSession } from './support/browse'

const session = useBrowseSession('typography')

const LOCALES = ['en-GB', 'fr-FR', 'es-ES']
const VIEWS = [
  '#/',
  '#/org',
  '#/org/cicopa',
  '#/org/cecop',
  '#/org/cicopa-americas',
  '#/org/cg-scop',
  '#/org/social-platform',
  '#/network/cicopa',
  '#/map/IT',
  '#/timeline/mariscal-cicopa-president-c2011',
  '#/compare?ids=cecop,cicopa,cicopa-americas',
  '#/plan',
]

/** Every place in the page's text where the typography slips, with a little of its context (run in the page). */
function slips(): string[] {
  const text = document.querySelector('main')?.innerText ?? ''
  const found: string[] = []
  const rules: [string, RegExp][] = [
    // A middle dot between two lower-case letters is French inclusive writing ("Président·e"), not a separator.
    ['separator without its spaces', /(?<!\p{Ll})\S·|·\S(?<!·\p{Ll})|\p{Lu}·|·\p{Lu}/gu],
    ['bracket glued to a word', /[\p{L}\p{N}]\(/gu],
    ['two pairs of brackets', /\(\(|\)\)/g],
    ['dash glued to a word', /\S—|—\S/g],
  ]
  for (const [what, rule] of rules)
    for (const m of text.matchAll(rule))
      found.push(`${what}: "${text.slice(Math.max(0, m.index - 30), m.index + 30).replace(/\s+/g, ' ')}"`)
  return found
}

describe('spacing around separators and brackets', () => {
  for (const locale of LOCALES) {
    it(`is right in every view in ${locale}`, { timeout: 120_000 }, async () => {
      const server = await session.serve({ dataDir: await session.folder() })
      const page = await session.browser.newPage({ locale, viewport: { width: 1280, height: 800 } })
      await page.goto(`${server.url}#/`)
      const found: string[] = []
      for (const hash of VIEWS) {
        await showView(page, hash)
        for (const slip of await page.evaluate(slips)) found.push(`${hash}: ${slip}`)
      }
      await page.close()
      expect(found).toEqual([])
    })
  }
})

describe('the first view’s fonts', () => {
  it('are asked for with the page, so the list is never laid out again when they arrive', async () => {
    const server = await session.serve({ dataDir: await session.folder() })
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${server.url}#/`)
    await page.locator('a[data-org-id]').first().waitFor()
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.woff2'))
        .map((entry) => ({ file: entry.name.replace(/^.*\//, ''), askedBy: (entry as PerformanceResourceTiming).initiatorType }))
    })
    await page.close()
    // Inter (the interface, with the latin-ext letters of member names) and Source Serif (reading) at least.
    expect(fonts.length).toBeGreaterThanOrEqual(3)
    // 'link': the page's preload; 'css': found by the stylesheet only once text needed it, after the first layout.
    expect(fonts.filter((font) => font.askedBy !== 'link')).toEqual([])
  })
})
