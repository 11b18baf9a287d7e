/**
 * A pack source as a CSL-JSON item, the form citation.js and citeproc-js format and export. Only what the pack
 * states: it names no authors, so there are none (each style then says what comes first); it does not say what kind
 * of document a source is, so a source with an address is a web page and one without is a plain document.
 */
import type { PartialDate, Source } from './schema'
import { citedTitle, inLocale, type PackLocale } from './texts'

/** A CSL-JSON date: `date-parts` as precise as the pack's date, and no more. */
export interface CslDate {
  'date-parts': number[][]
  circa?: boolean
}

/** The CSL-JSON variables a pack source fills (a subset of the schema: citation-style-language/schema). */
export interface CslItem {
  id: string
  'citation-key': string
  type: 'webpage' | 'document'
  title: string
  /** The site a web page is on (CSL's name for it); `publisher` for a document. */
  'container-title'?: string
  publisher?: string
  URL?: string
  issued?: CslDate
  accessed: CslDate
  language: string
  /** Our gloss on a document's own title (which reading of a page, what kind of document): exported, not cited. */
  note?: string
}

/**
 * `forStyles`: names and our descriptions marked `nocase` (citeproc-js's rich-text markup), so that styles which
 * title-case English titles (APA's site names, Chicago's titles) leave them as written: "thenews.coop" is a name, and
 * a description is not a title. Exports leave the markup out (RIS would carry it as text).
 */
export function toCslItem(source: Source, locale: PackLocale, options: { forStyles?: boolean } = {}): CslItem {
  const keepCase = (text: string) => (options.forStyles ? `<span class="nocase">${text}</span>` : text)
  const title = citedTitle(source, locale)
  const item: CslItem = {
    id: source.id,
    'citation-key': source.id,
    type: source.url ? 'webpage' : 'document',
    title: title.own ? title.text : keepCase(title.text),
    accessed: cslDate({ value: source.read, precision: 'day' }),
    // The pack gives a document's language only where it is not English (schema.ts).
    language: source.lang ?? 'en',
  }
  if (source.publisher) {
    if (source.url) item['container-title'] = keepCase(source.publisher)
    else item.publisher = source.publisher
  }
  if (source.url) item.URL = source.url
  if (source.published) item.issued = cslDate(source.published)
  // Exported only: ISO 690 would print a note as part of the reference.
  if (title.own && source.gloss && !options.forStyles) item.note = inLocale(source.gloss, locale).text
  return item
}

/** A decade is the range of its years; c. 1995 is 1995 marked `circa`: each as CSL-JSON says it. */
export function cslDate(date: PartialDate): CslDate {
  const parts = date.value.split('-').map(Number)
  if (date.precision === 'decade') return { 'date-parts': [[parts[0]!], [parts[0]! + 9]] }
  if (date.precision === 'circa') return { 'date-parts': [parts], circa: true }
  return { 'date-parts': [parts] }
}
