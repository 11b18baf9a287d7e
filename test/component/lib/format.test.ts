/** How facts read: dates never more precise than their source, figures with their qualifier and unit, kinds in words, in the UI language. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  countryName,
  formatDate,
  formatFigure,
  inBrackets,
  joinParts,
  kindLabel,
  relationBefore,
  relationLabel,
  SEPARATOR,
} from '../../../src/renderer/lib/format'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import type { Figure } from '../../../src/shared/content/schema'

const figure = (value: number, extra: Partial<Figure> = {}): Figure => ({
  metric: 'members',
  value,
  asOf: null,
  sources: ['s'],
  status: 'sourced',
  ...extra,
})
beforeEach(() => (i18n.locale = 'en'))
afterEach(() => (i18n.locale = 'en'))

describe('formatDate', () => {
  it('says no more than the source: a day, a month, a year, about a year, a decade', () => {
    expect(formatDate({ value: '2021-06-08', precision: 'day' })).toBe('June 8, 2021')
    expect(formatDate({ value: '2021-06', precision: 'month' })).toBe('June 2021')
    expect(formatDate({ value: '2021', precision: 'year' })).toBe('2021')
    expect(formatDate({ value: '1995', precision: 'circa' })).toBe('c. 1995')
    expect(formatDate({ value: '1970', precision: 'decade' })).toBe('1970s')
  })

  it('reads in the UI language, on the day given whatever the time zone', () => {
    const tz = process.env['TZ']
    process.env['TZ'] = 'America/Los_Angeles'
    i18n.locale = 'fr'
    expect(formatDate({ value: '2021-06-01', precision: 'day' })).toBe('1 juin 2021')
    if (tz === undefined) delete process.env['TZ']
    else process.env['TZ'] = tz
    expect(formatDate({ value: '1970', precision: 'decade' })).toBe('années 1970')
  })
})

describe('formatFigure', () => {
  it('groups digits, and puts the qualifier in words', () => {
    expect(formatFigure(figure(1234567))).toBe('1,234,567')
    expect(formatFigure(figure(3000, { qualifier: 'over' }))).toBe('over 3,000')
    expect(formatFigure(figure(50, { qualifier: 'at-least' }))).toBe('at least 50')
  })

  it('gives euros in short form from a million, and a percentage of the value as the pack gives it', () => {
    expect(formatFigure(figure(2_500_000), 'eur')).toBe('€2.5M')
    expect(formatFigure(figure(950_000), 'eur')).toMatch(/^€950,000(\.0+)?$/)
    expect(formatFigure(figure(12.5, { qualifier: 'about' }), 'percent')).toBe('about 12.5%')
  })

  it('follows the UI language', () => {
    i18n.locale = 'fr'
    expect(formatFigure(figure(1234567, { qualifier: 'over' }))).toMatch(/^plus de 1\s234\s567$/)
  })
})

describe('labels', () => {
  it('names kinds, relations (each way) and countries in words, in the UI language', () => {
    expect(kindLabel('regional')).toBe('Regional organisation')
    expect([relationLabel('member-of', 'outgoing'), relationLabel('member-of', 'incoming')]).toEqual(['Member of', 'Members'])
    expect(countryName('ES')).toBe('Spain')
    i18n.locale = 'fr'
    expect([kindLabel('regional'), relationLabel('member-of', 'incoming'), countryName('ES')]).toEqual([
      'Organisation régionale',
      'Membres',
      'Espagne',
    ])
  })

  it('runs a relation into the name it points to, eliding French “de” before a vowel', () => {
    expect(relationBefore('regional-organisation-of', 'outgoing', 'ICA') + 'ICA').toBe('regional organisation of ICA')
    i18n.locale = 'fr'
    expect(relationBefore('regional-organisation-of', 'outgoing', 'ICA') + 'ICA').toBe('organisation régionale d’ICA')
    expect(relationBefore('member-of', 'outgoing', 'Ergon') + 'Ergon').toBe('membre d’Ergon')
    expect(relationBefore('member-of', 'outgoing', 'CECOP') + 'CECOP').toBe('membre de CECOP')
    // Only a closing "de" elides: "Membres" before a vowel stays as it is.
    expect(relationBefore('member-of', 'incoming', 'ICA') + 'ICA').toBe('membres ICA')
    i18n.locale = 'es'
    expect(relationBefore('regional-organisation-of', 'outgoing', 'ICA') + 'ICA').toBe('organización regional de ICA')
  })
})

describe('parts of a line and things in brackets', () => {
  it('joins the parts that are there with one spaced separator', () => {
    expect(SEPARATOR).toBe(' · ')
    expect(joinParts(['Worker cooperatives', null, 'France', '', undefined, false])).toBe('Worker cooperatives · France')
    expect(joinParts([null, 'France'])).toBe('France')
    expect(joinParts([])).toBe('')
  })

  it('puts a person’s affiliation in brackets after a space, never in two pairs', () => {
    expect('Walter Tesch' + inBrackets('São Paulo')).toBe('Walter Tesch (São Paulo)')
    expect('Cristian Horton' + inBrackets('FECOOTRA (Argentina)')).toBe('Cristian Horton (FECOOTRA, Argentina)')
    expect('Bruno Roelants' + inBrackets('CICOPA and CECOP (secretary general)')).toBe(
      'Bruno Roelants (CICOPA and CECOP, secretary general)',
    )
    expect(inBrackets('(Argentina)')).toBe(' (Argentina)')
  })
})
