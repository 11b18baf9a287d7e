/**
 * Citations and exports of the real pack's sources: our CSL items are what we mean them to be, our formatting is
 * citation.js's own output for those items with the shipped style and locale files (so a change in the mapping or in
 * how the files are registered shows), the styles really apply (a few literal citations), and the exported BibTeX,
 * RIS and CSL-JSON read back through citation.js's own parsers.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Cite, plugins } from '@citation-js/core'
import { describe, expect, it } from 'vitest'
import { toCslItem, type CslItem } from '../../../src/shared/content/csl-item'
import {
  CSL_LOCALES,
  exportSources,
  formatCitations,
  risId,
  styleFile,
  tidyEntry,
  type CitationStyle,
} from '../../../src/renderer/lib/cite/engine'
import type { PackLocale } from '../../../src/shared/content/texts'
import { realPack } from '../../support/real-pack'

const source = (id: string) => realPack.sources.find((s) => s.id === id)!
const accessed = { 'date-parts': [[2026, 11, 23]] }

/** Three kinds of source: a page with its own title and no date, a dated page, a document we describe ourselves. */
const KNOWN: Record<string, CslItem> = {
  'cecop-about': {
    id: 'cecop-about',
    'citation-key': 'cecop-about',
    type: 'webpage',
    title: 'What is CECOP?',
    'container-title': 'CECOP',
    URL: 'https://www.cecop.coop/aboutCecop',
    accessed,
    language: 'en',
    note: "CECOP's self-description",
  },
  'cicopa-about-2018': {
    id: 'cicopa-about-2018',
    'citation-key': 'cicopa-about-2018',
    type: 'webpage',
    title: 'About CICOPA',
    'container-title': 'CICOPA',
    URL: 'http://cicopa.coop/2018/01/25/about-cicopa',
    issued: { 'date-parts': [[2018, 1, 25]] },
    accessed,
    language: 'en',
    note: '2018 page',
  },
  'uwcc-what-is-cicopa-1998': {
    id: 'uwcc-what-is-cicopa-1998',
    'citation-key': 'uwcc-what-is-cicopa-1998',
    type: 'document',
    title: 'What is CICOPA?',
    publisher: 'University of Wisconsin Center for Cooperatives',
    issued: { 'date-parts': [[1998]] },
    accessed,
    language: 'en',
    note: '1998; copy at uwcc.wisc.edu/…/cicopa.html',
  },
  'vita-208241': {
    id: 'vita-208241',
    'citation-key': 'vita-208241',
    type: 'webpage',
    title: '[Article on CECOP (vita.it, p=208241)]',
    'container-title': 'Vita',
    URL: 'https://vita.it/?p=208241',
    issued: { 'date-parts': [[2004]] },
    accessed,
    language: 'it',
  },
}

describe('a pack source as a CSL item', () => {
  it('holds what the pack says and nothing more', () => {
    for (const [id, item] of Object.entries(KNOWN)) expect(toCslItem(source(id), 'en'), id).toEqual(item)
  })

  it('describes a document without a title of its own in square brackets, in the reader’s language', () => {
    expect(toCslItem(source('vita-208241'), 'fr').title).toBe('[Article sur CECOP (vita.it, p=208241)]')
    expect(toCslItem(source('vita-208241'), 'es').title).toBe('[Artículo sobre CECOP (vita.it, p=208241)]')
  })

  it('keeps names and descriptions as written when a style would title-case them, and leaves glosses to exports', () => {
    const forStyles = toCslItem(source('vita-208241'), 'en', { forStyles: true })
    expect(forStyles.title).toBe('<span class="nocase">[Article on CECOP (vita.it, p=208241)]</span>')
    expect(forStyles['container-title']).toBe('<span class="nocase">Vita</span>')
    expect(toCslItem(source('cecop-about'), 'en', { forStyles: true })).not.toHaveProperty('note')
    expect(toCslItem(source('cecop-about'), 'en', { forStyles: true }).title).toBe('What is CECOP?')
  })
})

/** The shipped files, read from disk here rather than through the app's loader. */
const CSL = join(process.cwd(), 'src/renderer/assets/csl')
const csl = plugins.config.get('@csl') as { styles: { add(k: string, v: string): void }; locales: { add(k: string, v: string): void } }
function registerFromDisk(style: CitationStyle, locale: PackLocale): { template: string; lang: string } {
  const file = styleFile(style, locale)
  const lang = CSL_LOCALES[locale]
  csl.styles.add(`test-${file}`, readFileSync(join(CSL, 'styles', `${file}.csl`), 'utf8'))
  for (const tag of [lang, 'en-US']) csl.locales.add(tag, readFileSync(join(CSL, 'locales', `locales-${tag}.xml`), 'utf8'))
  return { template: `test-${file}`, lang }
}
const direct = (item: CslItem, options: { template: string; lang: string }) =>
  (new Cite(item).format('bibliography', { ...options, format: 'text' }) as string).trim()

describe('formatted citations', () => {
  const combinations = (['apa', 'chicago', 'iso690'] as const).flatMap((style) =>
    (['en', 'fr', 'es'] as const).map((locale) => [style, locale] as const),
  )

  // Chicago's style is 168 kB of XML: jsdom's DOMParser takes seconds over it.
  it.each(combinations)('are citation.js’s own output for the shipped %s style in %s', { timeout: 60_000 }, async (style, locale) => {
    const sources = Object.keys(KNOWN).map(source)
    // Ours first: the registration from disk below must not be what our formatting used.
    const ours = await formatCitations(sources, style, locale)
    const options = registerFromDisk(style, locale)
    expect(ours).toEqual(sources.map((s) => tidyEntry(direct(toCslItem(s, locale, { forStyles: true }), options))))
  })

  it('leave no stray full stop where a style leaves an element empty, in any style or language', { timeout: 60_000 }, async () => {
    const undated = realPack.sources.filter((s) => !s.url)
    expect(undated.length).toBeGreaterThan(3)
    for (const style of ['apa', 'iso690'] as const)
      for (const locale of ['en', 'fr', 'es'] as const)
        for (const entry of await formatCitations(undated, style, locale)) expect(entry).not.toMatch(/\.\s+\./)
    expect(tidyEntry('What is CICOPA?, 1998. . University of Wisconsin Center for Cooperatives.')).toBe(
      'What is CICOPA?, 1998. University of Wisconsin Center for Cooperatives.',
    )
    expect(tidyEntry('[Rapport 1995], 1995. .')).toBe('[Rapport 1995], 1995.')
    expect(tidyEntry('See https://a.b/c. d')).toBe('See https://a.b/c. d')
  })

  it('apply the style: APA in English', async () => {
    const cited = await formatCitations(Object.keys(KNOWN).map(source), 'apa', 'en')
    expect(cited).toEqual([
      'What is CECOP? (n.d.). CECOP. Retrieved November 23, 2026, from https://www.cecop.coop/aboutCecop',
      'About CICOPA. (2018, January 25). CICOPA. http://cicopa.coop/2018/01/25/about-cicopa',
      'What is CICOPA? (1998). University of Wisconsin Center for Cooperatives.',
      '[Article on CECOP (vita.it, p=208241)]. (2004). Vita. https://vita.it/?p=208241',
    ])
  })

  it('apply the style: ISO 690 in French, from its French style file', async () => {
    const [about, , , vita] = await formatCitations(Object.keys(KNOWN).map(source), 'iso690', 'fr')
    const nbsp = '\u00a0'
    expect(about).toBe(
      `What is CECOP?, [sans date]. CECOP [en${nbsp}ligne]. Disponible à l’adresse${nbsp}: https://www.cecop.coop/aboutCecop [Consulté${nbsp}le${nbsp}23${nbsp}novembre${nbsp}2026].`,
    )
    expect(vita).toBe(
      `[Article sur CECOP (vita.it, p=208241)], 2004. Vita [en${nbsp}ligne]. Disponible à l’adresse${nbsp}: https://vita.it/?p=208241 [Consulté${nbsp}le${nbsp}23${nbsp}novembre${nbsp}2026].`,
    )
  })

  it('leave a site named by its address as written, where APA and Chicago title-case site names and titles', async () => {
    const news = source('thenews-fantini-2025')
    expect((await formatCitations([news], 'apa', 'en'))[0]).toContain('. thenews.coop. https://thenews.coop/')
    expect((await formatCitations([source('uwcc-cicopa-report-1995')], 'chicago', 'en'))[0]).toContain('[ICA CICOPA report 1995')
  })
})

describe('exports of the whole pack', () => {
  const sources = realPack.sources
  const items = sources.map((s) => toCslItem(s, 'en'))
  const read = (text: string) => new Cite(text).data

  it('BibTeX reads back with every entry, its key, title and address', () => {
    const file = exportSources(sources, 'bibtex', 'en', 'pack')
    expect(file).toMatchObject({ fileName: 'pack.bib', mediaType: 'application/x-bibtex', encoding: 'utf8' })
    const back = read(file.content)
    expect(back).toHaveLength(sources.length)
    // BibTeX's url field is ASCII: an address with "é" comes back percent-encoded, the same address to a browser.
    const address = (url: unknown) => (typeof url === 'string' ? new URL(url).href : url)
    expect(back.map((e) => [e['citation-key'], e['title'], address(e['URL'])])).toEqual(items.map((i) => [i.id, i.title, address(i.URL)]))
  })

  it('RIS reads back with every entry, its title, address and dates, long titles whole', () => {
    const file = exportSources(sources, 'ris', 'en', 'pack')
    expect(file.fileName).toBe('pack.ris')
    const back = read(file.content)
    expect(back).toHaveLength(sources.length)
    // RIS allows an ID of 20 characters at most: a longer id is shortened, each still its own.
    expect(back.map((e) => [e['id'], e['title'], e['URL'], e['issued'] ?? null, e['accessed']])).toEqual(
      items.map((i) => [risId(i.id), i.title, i.URL, i.issued ?? null, i.accessed]),
    )
    const ids = back.map((e) => String(e['id']))
    expect(new Set(ids).size).toBe(sources.length)
    expect(ids.every((id) => id.length <= 20)).toBe(true)
    expect(risId('cecop-member-legacoop-ps')).not.toBe(risId('cecop-member-legacoop-sociali'))
    expect(risId('about-cicopa')).toBe('about-cicopa')
    expect(items.some((i) => i.title.length > 70)).toBe(true)
  })

  it('CSL-JSON parses back identically', () => {
    const file = exportSources(sources, 'csl-json', 'en', 'pack')
    expect(file).toMatchObject({ fileName: 'pack.json', mediaType: 'application/vnd.citationstyles.csl+json' })
    expect(JSON.parse(file.content)).toEqual(items)
    expect(read(file.content).map(({ _graph, ...item }) => item)).toEqual(items)
  })
})
