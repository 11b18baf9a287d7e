/**
 * The pack's translations and the English they were made from. Each translated text carries `translatedFrom`, the
 * first 12 hex digits of the SHA-256 of the English it translates: when the English is corrected, its French and
 * Spanish no longer say the same thing, so they are stale until they are redone. The pack's tests fail on a stale
 * translation (and `npm run pack:check` lists them); the app, meanwhile, shows the English.
 */
import { createHash } from 'node:crypto'
import type { ContentPack, LocalisedText } from '../../shared/content/schema'

export const TRANSLATED_LOCALES = ['fr', 'es'] as const

/** Which English a translation translates: what `translatedFrom` must hold. */
export const englishVersion = (english: string): string => createHash('sha256').update(english, 'utf8').digest('hex').slice(0, 12)

const isLocalisedText = (x: unknown): x is LocalisedText =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as { en?: unknown }).en === 'string'

/** Every localised text of the pack, with where it is (`events/12/summary`). */
export function localisedTexts(pack: unknown): { path: string; text: LocalisedText }[] {
  const out: { path: string; text: LocalisedText }[] = []
  const walk = (x: unknown, path: string) => {
    if (isLocalisedText(x)) out.push({ path, text: x })
    else if (Array.isArray(x)) x.forEach((item, i) => walk(item, `${path}/${i}`))
    else if (typeof x === 'object' && x !== null) for (const [key, value] of Object.entries(x)) walk(value, path ? `${path}/${key}` : key)
  }
  walk(pack, '')
  return out
}

export const isStale = (text: LocalisedText): boolean =>
  (text.fr !== undefined || text.es !== undefined) && text.translatedFrom !== englishVersion(text.en)

/** The pack as the app shows it: a stale translation is left out, so the English stands until it is redone. */
export function withoutStaleTranslations(pack: ContentPack): ContentPack {
  if (!localisedTexts(pack).some(({ text }) => isStale(text))) return pack
  const copy = structuredClone(pack)
  for (const { text } of localisedTexts(copy)) {
    if (!isStale(text)) continue
    delete text.fr
    delete text.es
    delete text.translatedFrom
  }
  return copy
}

export interface TranslationReport {
  total: number
  missing: { path: string; locales: string[] }[]
  stale: string[]
}

export function translationReport(pack: unknown): TranslationReport {
  const texts = localisedTexts(pack)
  return {
    total: texts.length,
    missing: texts
      .map(({ path, text }) => ({ path, locales: TRANSLATED_LOCALES.filter((l) => !text[l]) }))
      .filter((m) => m.locales.length > 0),
    stale: texts.filter(({ text }) => isStale(text)).map(({ path }) => path),
  }
}
