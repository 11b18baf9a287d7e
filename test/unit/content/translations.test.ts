/**
 * The reference pack in three languages (`npm run pack:check` runs this file): no translation made from an older
 * English, no "translation" that is the English again, and a list of what is still to translate.
 */
import { describe, expect, it } from 'vitest'
import { englishVersion, localisedTexts, translationReport, TRANSLATED_LOCALES } from '../../../src/main/content/translations'
import { realPack } from '../../support/real-pack'

const report = translationReport(realPack)

describe('the reference pack in French and Spanish', () => {
  it('has no stale translation: each says which English it translates, and it is the English there now', () => {
    const stale = report.stale.map((path) => {
      const text = localisedTexts(realPack).find((t) => t.path === path)!.text
      return `${path}: translated from ${text.translatedFrom}, the English now is ${englishVersion(text.en)}`
    })
    expect(stale, 'redo these translations, then set translatedFrom to the new value').toEqual([])
  })

  it('has no French or Spanish text that is only the English again (names and short codes aside)', () => {
    const copies = localisedTexts(realPack).flatMap(({ path, text }) =>
      TRANSLATED_LOCALES.filter((l) => text[l] === text.en && text.en.trim().split(/\s+/).length > 3).map((l) => `${path} (${l})`),
    )
    expect(copies).toEqual([])
  })

  it('says what is still to translate', () => {
    const byFile = new Map<string, number>()
    for (const { path } of report.missing) byFile.set(path.split('/')[0]!, (byFile.get(path.split('/')[0]!) ?? 0) + 1)
    console.log(
      `Translations: ${report.total - report.missing.length} of ${report.total} texts in French and Spanish; ` +
        `still to translate: ${[...byFile].map(([file, n]) => `${file} ${n}`).join(', ') || 'none'}; stale: ${report.stale.length}.`,
    )
    expect(report.total).toBeGreaterThan(300)
  })
})
