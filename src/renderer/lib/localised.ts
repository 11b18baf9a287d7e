import type { LocalisedText, Source } from '../../shared/content/schema'
import { inLocale, sourceLine, sourceTitle, type ShownText } from '../../shared/content/texts'
import { i18n } from './i18n.svelte'
import type { Locale } from './i18n/define'

/** Pack text in the UI language where the pack has it, else English (the pack's required language). */
export const localised = (text: LocalisedText): string => inLocale(text, i18n.locale).text

/** The language pack text is shown in: the UI's where the pack has it, else English (so screen readers read it right). */
export const textLang = (text: LocalisedText, locale: Locale = i18n.locale): Locale => inLocale(text, locale).lang as Locale

/** A source's title as the reader sees it, with its language (src/shared/content/texts.ts says which words). */
export const shownSourceTitle = (source: Pick<Source, 'title' | 'lang'>): ShownText => sourceTitle(source, i18n.locale)

/** A source's title and gloss in one line, in the reader's language where they are ours. */
export const shownSourceLine = (source: Pick<Source, 'title' | 'lang' | 'gloss'>): string => sourceLine(source, i18n.locale)
