/// <reference types="vite/client" />
/**
 * Citations and bibliography exports, by the established CSL machinery rather than by hand. Big (citeproc-js alone
 * is most of it), so only lib/cite.ts imports this, dynamically, when the reader cites or exports.
 *
 * - @citation-js/core: reads CSL-JSON and runs the plugins below; the format every other tool reads and writes.
 * - @citation-js/plugin-csl: citeproc-js, the CSL processor Zotero and Mendeley use, formatting with the styles and
 *   locales the app ships (assets/csl, registered here; never fetched).
 * - @citation-js/plugin-bibtex, @citation-js/plugin-ris: BibTeX and RIS, written (and, in the tests, read back) by
 *   the same library, with its mapping of CSL types and fields.
 */
import { Cite, plugins } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-csl'
import '@citation-js/plugin-ris'
import { toCslItem } from '../../../shared/content/csl-item'
import type { Source } from '../../../shared/content/schema'
import type { PackLocale } from '../../../shared/content/texts'
import type { ExportedFile } from '../../../shared/domain'

export type CitationStyle = 'apa' | 'chicago' | 'iso690'
export type ExportFormat = 'bibtex' | 'ris' | 'csl-json'

/** The style file for a style in a language: ISO 690 has one per language; APA and Chicago take a locale instead. */
export function styleFile(style: CitationStyle, locale: PackLocale): string {
  if (style === 'iso690') return `iso690-author-date-${locale}`
  return style === 'apa' ? 'apa' : 'chicago-author-date'
}

/** The CSL locale for a UI language. English is en-US: APA's and Chicago's own, and the app's English dates are written that way too. */
export const CSL_LOCALES: Record<PackLocale, string> = { en: 'en-US', fr: 'fr-FR', es: 'es-ES' }

// Each file its own chunk, read when a citation first needs it: APA never loads Chicago's 168 kB.
const styleFiles = import.meta.glob<string>('../../assets/csl/styles/*.csl', { query: '?raw', import: 'default' })
const localeFiles = import.meta.glob<string>('../../assets/csl/locales/*.xml', { query: '?raw', import: 'default' })

interface Register {
  has(key: string): boolean
  add(key: string, value: string): void
}
const csl = plugins.config.get('@csl') as { styles: Register; locales: Register }

// BibTeX keys are the pack's source ids (stable, and already safe as keys: lower-case letters, digits, hyphens),
// not labels made up from the year and title. Text stays UTF-8, as biber, Zotero and today's BibTeX read it: the
// ASCII-only form has no command for some characters ("…" would come back as "...").
const bibtex = plugins.config.get('@bibtex') as { format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean } }
bibtex.format.useIdAsLabel = true
bibtex.format.checkLabel = false
bibtex.format.asciiOnly = false

/** Our styles are registered under names of their own: plugin-csl's bundled "apa" is another version. */
const registered = (file: string) => `coop-atlas-${file}`

async function ensureStyle(file: string): Promise<string> {
  const name = registered(file)
  if (!csl.styles.has(name)) {
    const load = styleFiles[`../../assets/csl/styles/${file}.csl`]
    if (!load) throw new Error(`No CSL style ${file} is shipped`)
    csl.styles.add(name, await load())
  }
  return name
}

/** Replaces plugin-csl's bundled locale of the same name: the shipped file is the one the tests check. */
async function ensureLocale(tag: string): Promise<void> {
  if (loadedLocales.has(tag)) return
  const load = localeFiles[`../../assets/csl/locales/locales-${tag}.xml`]
  if (!load) throw new Error(`No CSL locale ${tag} is shipped`)
  csl.locales.add(tag, await load())
  loadedLocales.add(tag)
}
const loadedLocales = new Set<string>()

/** Formatted bibliography entries (plain text), one per source, in the order given. */
export async function formatCitations(sources: Source[], style: CitationStyle, locale: PackLocale): Promise<string[]> {
  const template = await ensureStyle(styleFile(style, locale))
  const lang = CSL_LOCALES[locale]
  // citeproc-js falls back to en-US for any term a locale lacks, so that one is always wanted too.
  await Promise.all([ensureLocale(lang), ensureLocale('en-US')])
  const items = sources.map((source) => toCslItem(source, locale, { forStyles: true }))
  const entries = new Cite(items).format('bibliography', { template, lang, format: 'text', asEntryArray: true, nosort: true }) as [
    string,
    string,
  ][]
  return entries.map(([, text]) => tidyEntry(text))
}

/**
 * The one mend made to a style's output. The ISO 690 styles in English and French leave an empty element between
 * two full stops for a document with no author and no address ("…, 1998. . University of Wisconsin…"; the Spanish
 * one does not): the stray full stop goes, nothing else changes.
 */
export const tidyEntry = (text: string): string => text.trim().replace(/\.( \.)+(?= |$)/g, '.')

const FILES: Record<ExportFormat, { extension: string; mediaType: string }> = {
  bibtex: { extension: 'bib', mediaType: 'application/x-bibtex' },
  ris: { extension: 'ris', mediaType: 'application/x-research-info-systems' },
  'csl-json': { extension: 'json', mediaType: 'application/vnd.citationstyles.csl+json' },
}

/** Sources as a BibTeX, RIS or CSL-JSON file, `<name>.<extension>`. */
export function exportSources(sources: Source[], format: ExportFormat, locale: PackLocale, name: string): ExportedFile {
  const cite = new Cite(sources.map((source) => toCslItem(source, locale)))
  const content =
    format === 'bibtex'
      ? (cite.format('bibtex') as string)
      : format === 'ris'
        ? risText(
            cite,
            sources.map((source) => source.id),
          )
        : (cite.format('data', { format: 'text' }) as string)
  const { extension, mediaType } = FILES[format]
  return { fileName: `${name}.${extension}`, mediaType, content, encoding: 'utf8' }
}

/**
 * RIS records from the library's own mapping (its `object` output), one line per tag. Its text output breaks every
 * line after 70 characters, mid-word, and readers (its own parser among them) join the pieces with a space: a long
 * title would come back as "co- ops". RIS needs no wrapping.
 */
function risText(cite: Cite, ids: readonly string[]): string {
  const records = cite.format('ris', { format: 'object' }) as Record<string, string | string[]>[]
  const lines = records
    .map((record, i): Record<string, string | string[]> => ({ ...record, ID: risId(ids[i]!) }))
    .flatMap(({ TY, ...tags }) => [
      `TY  - ${String(TY)}`,
      ...Object.entries(tags).flatMap(([tag, values]) => [values].flat().map((value) => `${tag}  - ${value}`)),
      'ER  - ',
    ])
  return `${lines.join('\r\n')}\r\n`
}

/**
 * RIS allows an ID of 20 characters. The library cuts a longer one there, and four pairs of the pack's ids share
 * their first 20 ("cecop-member-legacoop-ps" and "…-sociali"): a reference manager would take two sources for one.
 * A longer id keeps its first 13 characters, then a dash and six of a stable hash of the whole id.
 */
export function risId(id: string): string {
  if (id.length <= 20) return id
  let hash = 0x811c9dc5 // FNV-1a, 32 bits: small, stable, and spreads close ids apart
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0
  return `${id.slice(0, 13)}-${hash.toString(36).padStart(7, '0').slice(-6)}`
}
