/** Pack text in the UI language where the pack has it, else in English. */
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { localised, textLang } from '../../../src/renderer/lib/localised'

const initial = i18n.locale
afterEach(() => (i18n.locale = initial))

describe('localised', () => {
  it('gives the text in the UI language, and follows a change of language', () => {
    const text = { en: 'Member organisations', fr: 'Organisations membres' }
    i18n.locale = 'fr'
    expect(localised(text)).toBe('Organisations membres')
    i18n.locale = 'en'
    expect(localised(text)).toBe('Member organisations')
  })

  it('falls back to English where the pack has no translation', () => {
    i18n.locale = 'es'
    expect(localised({ en: 'Turnover', fr: 'Chiffre d’affaires' })).toBe('Turnover')
  })
})

describe('textLang', () => {
  it('marks pack text English where the pack has no translation into the UI language', () => {
    expect(textLang({ en: 'Plan', fr: 'Plan' }, 'fr')).toBe('fr')
    expect(textLang({ en: 'Plan' }, 'es')).toBe('en')
    expect(textLang({ en: 'Plan', fr: '' }, 'fr')).toBe('en')
  })
})
