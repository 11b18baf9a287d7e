import { describe, expect, it } from 'vitest'
import { acronymAfter, fullName, fullNameBeside, listedNames, shortName } from '../../../../src/shared/content/names'

const ica = { english: 'International Cooperative Alliance', acronym: 'ICA' }
const cecop = { english: 'CECOP – CICOPA Europe', acronym: 'CECOP' }
const icom = { english: 'ICOM', acronym: 'ICOM' }
const coopsUk = { english: 'Co-operatives UK' }

describe('what an organisation is called', () => {
  it('is called by its acronym in short, else by its English name', () => {
    expect([ica, cecop, icom, coopsUk].map(shortName)).toEqual(['ICA', 'CECOP', 'ICOM', 'Co-operatives UK'])
    expect(shortName({ english: 'Summary', acronym: null })).toBe('Summary')
  })

  it('is called in full by its English name, with the acronym after it where the name does not hold it', () => {
    expect([ica, cecop, icom, coopsUk].map(fullName)).toEqual([
      'International Cooperative Alliance (ICA)',
      'CECOP – CICOPA Europe',
      'ICOM',
      'Co-operatives UK',
    ])
    expect([ica, cecop, icom, coopsUk].map(acronymAfter)).toEqual(['ICA', null, null, null])
  })

  it('shows the English name beside the short one only where they differ', () => {
    expect([ica, cecop, icom, coopsUk].map(fullNameBeside)).toEqual([ica.english, cecop.english, null, null])
  })

  it('reads a summary from the contract, whose `name` is the English name', () => {
    expect(listedNames({ name: 'International Cooperative Alliance', acronym: 'ICA' })).toEqual(ica)
    expect(shortName(listedNames({ name: 'Co-operatives UK', acronym: null }))).toBe('Co-operatives UK')
  })
})
