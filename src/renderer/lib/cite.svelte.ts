/**
 * Citing sources and exporting them, for the views. The CSL machinery (cite/engine.ts: citation.js, citeproc-js,
 * the styles) is several hundred kilobytes, so it is imported here on first use only, never with a view.
 */
import { api } from './api'
import type { Source } from '../../shared/content/schema'
import type { CitationStyle, ExportFormat } from './cite/engine'
import { download } from './download'
import { i18n, t } from './i18n.svelte'

export type { CitationStyle, ExportFormat }
export const CITATION_STYLES: readonly CitationStyle[] = ['apa', 'chicago', 'iso690']
export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'bibtex', label: 'BibTeX' },
  { format: 'ris', label: 'RIS' },
  { format: 'csl-json', label: 'CSL-JSON' },
]

/** The style last chosen, kept for the next citation while the app is open. */
export const citing = $state({ style: 'apa' as CitationStyle })

const engine = () => import('./cite/engine')

/** One formatted citation per source, in the UI language (its CSL locale, or its ISO 690 style). */
export async function citations(sources: Source[], style: CitationStyle): Promise<string[]> {
  return (await engine()).formatCitations(sources, style, i18n.locale)
}

/** "Fact — citation; citation", the fact in words and each of its sources cited. */
export async function factCitation(fact: string, sources: Source[], style: CitationStyle): Promise<string> {
  const cited = await citations(sources, style)
  return t('cite.factWithSources', { fact, citations: cited.join(t('cite.between')) })
}

/** Saves the sources as a BibTeX, RIS or CSL-JSON file named `<name>.<extension>`. */
export async function exportCitations(sources: Source[], format: ExportFormat, name: string): Promise<void> {
  download((await engine()).exportSources(sources, format, i18n.locale, name))
}

/**
 * Puts text on the clipboard: through main in the desktop app (the page has no clipboard permission there), by the
 * page itself in browse. False where neither may (the view then shows it to copy by hand).
 */
export async function copyText(text: string): Promise<boolean> {
  let copiedByMain = false
  try {
    copiedByMain = (await api().shell.copyText({ text })).copied
  } catch {
    // No shell to ask (or it refused the text): the page tries itself.
  }
  if (copiedByMain) return true
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
