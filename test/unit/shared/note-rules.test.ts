import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8Length, utf8Within } from '../../../src/shared/note-rules'

/** The length as Node encodes it (a lone surrogate as U+FFFD, 3 bytes). */
const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

describe('the size of a text in UTF-8', () => {
  it('is counted as Node encodes it, lone surrogates and pairs included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(text) === bytes(text)))
    for (const text of ['', 'é', '中', '🧵', '\ud800', '\udc00x', '\ud800\ud800\udc00']) expect(utf8Length(text)).toBe(bytes(text))
  })

  it('is within a limit exactly when its bytes are, whether or not its length alone decides', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(130), (text, max) => utf8Within(text, max) === bytes(text) <= max),
    )
    // At the edges of the shortcut (3 bytes per code unit at most): 4 three-byte characters are 12 bytes.
    expect(utf8Within('中中中中', 12)).toBe(true)
    expect(utf8Within('中中中中', 11)).toBe(false)
    expect(utf8Within('🧵🧵', 8)).toBe(true)
    expect(utf8Within('🧵🧵', 7)).toBe(false)
    expect(utf8Within('\ud800'.repeat(4), 11)).toBe(false)
  })
})
