/** Folding for matching: what the user types finds the name whatever its accents or case. */
import { describe, expect, it } from 'vitest'
import { fold } from '../../../src/shared/fold'

describe('fold', () => {
  it('matches names regardless of accents and case', () => {
    expect(fold('Confédération Générale')).toBe('confederation generale')
    expect(fold('COCETA')).toBe(fold('coceta'))
    expect(fold('Schlüter Iñigo Łódź')).toBe('schluter inigo łodz')
  })

  it('folds a composed and a decomposed accent alike', () => {
    expect(fold('e\u0301')).toBe(fold('\u00e9'))
  })

  it('keeps punctuation and spacing (only accents and case change)', () => {
    expect(fold('CECOP – CICOPA Europe')).toBe('cecop – cicopa europe')
  })
})
