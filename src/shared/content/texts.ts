/**
 * Which words of the pack a reader sees, and in which language: one rule for the pack's own texts (shown in the
 * reader's language where the pack has it, else in English) and for source titles (a document's own title is quoted
 * in its language; our description of a document is ours, so it is translated like any other text of ours).
 */
import type { LocalisedText, Source } from './schema'

/** The languages the pack is written in (CICOPA's working languages), as the UI's locales. */
export type PackLocale = 'en' | 'fr' | 'es'

/**
 * The reader's language from the system's preferred languages, best first (BCP 47 tags: "fr-CA", "es_ES.UTF-8"): the
 * first one we have, else English. The renderer's first start (navigator.languages) and main's words before any
 * window (Electron's preferred languages, the LANG of `npm run browse`) both choose by this rule.
 */
export function pickLocale(tags: readonly string[]): PackLocale {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_.@]/)[0]
    if (base === 'en' || base === 'fr' || base === 'es') return base
  }
  return 'en'
}

/** Text as it is shown: its words and the language they are in (for the `lang` attribute). */
export interface ShownText {
  text: string
  lang: string
}

/** A pack text in `locale` where the pack has it, else its English. */
export function inLocale(text: LocalisedText, locale: PackLocale): ShownText {
  const translated = text[locale]
  return translated ? { text: translated, lang: locale } : { text: text.en, lang: 'en' }
}

/** A source's title as shown: the document's own (in its language) or our description (in the reader's). */
export function sourceTitle(source: Pick<Source, 'title' | 'lang'>, locale: PackLocale): ShownText {
  return typeof source.title === 'string' ? { text: source.title, lang: source.lang ?? 'en' } : inLocale(source.title, locale)
}

/** A source's title with its gloss, in one line: "Our members (the 2025 reading)". For lists, citations in text and search. */
export function sourceLine(source: Pick<Source, 'title' | 'lang' | 'gloss'>, locale: PackLocale): string {
  const title = sourceTitle(source, locale).text
  return source.gloss ? `${title} (${inLocale(source.gloss, locale).text})` : title
}

/**
 * A source's title in a citation: the document's own, as it is; our description (with its gloss) in square brackets,
 * as APA, Chicago and ISO 690 all mark a title supplied by whoever cites. `own` says which.
 */
export function citedTitle(source: Pick<Source, 'title' | 'lang' | 'gloss'>, locale: PackLocale): { text: string; own: boolean } {
  return typeof source.title === 'string' ? { text: source.title, own: true } : { text: `[${sourceLine(source, locale)}]`, own: false }
}
