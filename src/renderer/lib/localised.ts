import type { LocalisedText } from '../../shared/content/schema'
import { i18n } from './i18n.svelte'

/** Pack text in the UI language where the pack has it, else English (the pack's required language). */
export const localised = (text: LocalisedText): string => text[i18n.locale] ?? text.en
