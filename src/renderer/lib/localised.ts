import type { LocalisedText } from '../../shared/content/schema'
import { i18n } from './i18n.svelte'
import type { Locale } from './i18n/define'

/** Pack text in the UI language where the pack has it, else English (the pack's required language). */
export const localised = (text: LocalisedText): string => text[i18n.locale] ?? text.en

/** The language pack text is shown in: the UI's where the pack has it, else English (so screen readers read it right). */
export const textLang = (text: LocalisedText, locale: Locale = i18n.locale): Locale => (text[locale] ? locale : 'en')
