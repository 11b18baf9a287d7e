import { describe, expect, it } from 'vitest'
import { englishVersion, isStale, withoutStaleTranslations } from '../../../../src/main/content/translations'
import type { ContentPack } from '../../../../src/shared/content/schema'
import { realPack } from '../../../support/real-pack'

const translated = (en: string, from = englishVersion(en)) => ({ en, fr: `fr: ${en}`, es: `es: ${en}`, translatedFrom: from })

describe('translations and the English they were made from', () => {
  it('names an English text by the first 12 hex digits of its SHA-256', () => {
    expect(englishVersion('Worker cooperatives')).toMatch(/^[0-9a-f]{12}$/)
    expect(englishVersion('Worker cooperatives')).not.toBe(englishVersion('Worker co-operatives'))
  })

  it('calls a translation stale once its English has changed, and only then', () => {
    expect(isStale(translated('Founded in Brussels'))).toBe(false)
    expect(isStale({ ...translated('Founded in Brussels'), en: 'Founded in Geneva' })).toBe(true)
    expect(isStale({ en: 'Not translated yet' })).toBe(false)
  })

  it('shows the English where a translation is stale, keeps every fresh one, and leaves the pack it was given alone', () => {
    const pack = structuredClone(realPack) as ContentPack
    pack.organisations[0]!.description = { ...translated('The old English'), en: 'The corrected English' }
    pack.organisations[1]!.description = translated('Still the same English')
    const shown = withoutStaleTranslations(pack)
    expect(shown.organisations[0]!.description).toEqual({ en: 'The corrected English' })
    expect(shown.organisations[1]!.description).toEqual(translated('Still the same English'))
    expect(pack.organisations[0]!.description.fr).toBe('fr: The old English')
  })
})
