/** The reader's language from the system's preferred languages: one rule for the renderer and for main. */
import { describe, expect, it } from 'vitest'
import { pickLocale } from '../../../../src/shared/content/texts'

describe('pickLocale', () => {
  it.each<[string[], string]>([
    [['fr-CA', 'en-US'], 'fr'],
    [['de-DE', 'es-419', 'fr'], 'es'],
    [['es_ES.UTF-8'], 'es'],
    [['fr_FR@euro'], 'fr'],
    [['EN-gb'], 'en'],
    [['C.UTF-8', 'POSIX'], 'en'],
    [['de', 'it'], 'en'],
    [[], 'en'],
  ])('chooses from %j: %s', (tags, locale) => {
    expect(pickLocale(tags)).toBe(locale)
  })
})
