import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold } from '../../../src/shared/fold'
import { foldedWords, TextIndex } from '../../../src/shared/text-index'

const indexOf = (texts: Record<string, string>) => {
  const index = new TextIndex()
  for (const [id, text] of Object.entries(texts)) index.add(id, text)
  index.settle()
  return index
}
const ids = (index: TextIndex, query: string, limit = 10) => index.search(query, limit).map((h) => h.id)

describe('TextIndex (note text)', () => {
  it('finds a text by the beginning of any of its words, blind to accents and case', () => {
    const index = indexOf({ a: 'Met the Confédération générale today', b: 'Nothing to see' })
    expect(ids(index, 'confed')).toEqual(['a'])
    expect(ids(index, 'GÉNÉRALE')).toEqual(['a'])
    expect(ids(index, 'tod')).toEqual(['a'])
    expect(ids(index, 'oday')).toEqual([])
  })

  it('wants every word, and leaves out the short ones still being typed', () => {
    const index = indexOf({ a: 'worker cooperatives in Italy', b: 'worker unions', c: 'cooperatives of users' })
    expect(ids(index, 'worker coop').sort()).toEqual(['a'])
    expect(ids(index, 'worker c').sort()).toEqual(['a', 'b'])
    expect(ids(index, 'wo')).toEqual([])
  })

  it('ranks a rare word above a common one a prefix also reaches', () => {
    const texts: Record<string, string> = { rare: 'a visit to Mondragon' }
    for (let i = 0; i < 20; i++) texts[`common${i}`] = 'see you on monday'
    const hits = indexOf(texts).search('mon', 5)
    expect(hits).toHaveLength(5)
    expect(hits[0]!.id).toBe('rare')
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score)
  })

  it('forgets a removed text, and an edited one is found by its new words only', () => {
    const index = indexOf({ a: 'alpha beta', b: 'alpha gamma' })
    index.remove('b')
    expect(ids(index, 'gamma')).toEqual([])
    index.add('a', 'delta only now')
    expect(ids(index, 'alpha')).toEqual([])
    expect(ids(index, 'delta')).toEqual(['a'])
    expect(index.size).toBe(1)
  })

  it('finds words added after the vocabulary was sorted, before and after it is sorted again', () => {
    const index = indexOf({ a: 'first words' })
    expect(ids(index, 'first')).toEqual(['a'])
    index.add('b', 'zebra crossing')
    expect(ids(index, 'zeb')).toEqual(['b'])
    for (let i = 0; i < 2500; i++) index.add(`n${i}`, `word${i}x`)
    expect(ids(index, 'word2499x')).toEqual(['n2499'])
    expect(ids(index, 'zebra')).toEqual(['b'])
    expect(ids(index, 'first')).toEqual(['a'])
  })
})

describe('TextIndex parts', () => {
  it('round-trips through parts/fromParts, leaving removed texts out, and goes on taking changes', () => {
    const index = new TextIndex()
    index.add('a', 'worker cooperative assembly')
    index.add('b', 'social cooperative budget')
    index.add('c', 'gone for good')
    index.remove('c')
    index.add('a', 'worker cooperative assembly again')
    const parts = index.parts()
    expect([...parts.ids].sort()).toEqual(['a', 'b'])
    expect(parts.vocabulary).not.toContain('gone')
    const back = TextIndex.fromParts(parts)
    expect(back.search('coop', 10).map((h) => h.id)).toEqual(index.search('coop', 10).map((h) => h.id))
    expect(back.search('again', 10).map((h) => h.id)).toEqual(['a'])
    back.add('b', 'budget rewritten')
    back.add('d', 'worker housing')
    expect(back.search('social', 10)).toEqual([])
    expect(
      back
        .search('worker', 10)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'd'])
    // Texts added to a loaded index are written with the rest, in order, and weigh as the rest.
    const again = TextIndex.fromParts(back.parts())
    expect(again.search('worker', 10)).toEqual(back.search('worker', 10))
    expect(again.search('budget', 10).map((h) => h.id)).toEqual(['b'])
  })

  it('taken a step at a time while texts are added, changed and removed, gives the index as it was at the first step', () => {
    const words = Array.from({ length: 300 }, (_, w) => `word${w}`)
    const textOf = (n: number, salt: string) => `${words.filter((_, w) => (n + w) % 3 === 0).join(' ')} ${salt}${n}`
    // Two indexes the same, one of them loaded from a file (its lists are views, and additions go apart).
    const fresh = new TextIndex()
    for (let n = 0; n < 2000; n++) fresh.add(`t${n}`, textOf(n, 'first'))
    for (const index of [fresh, TextIndex.fromParts(fresh.parts())]) {
      const expected = TextIndex.fromParts(index.parts()).parts()
      const changes = index.changes
      const steps = index.partsInSteps()
      let stepsTaken = 0
      for (let step = steps.next(); ; step = steps.next(), stepsTaken++) {
        if (step.done) {
          expect(step.value).toEqual(expected)
          break
        }
        // Between steps: a text changed, one removed, one new, words old and new.
        index.add(`t${stepsTaken}`, textOf(stepsTaken + 1, 'changed'))
        index.remove(`t${1000 + stepsTaken}`)
        index.add(`new${stepsTaken}`, `${words[stepsTaken]} brandnew`)
      }
      expect(stepsTaken).toBeGreaterThan(2)
      expect(index.changes).toBeGreaterThan(changes)
    }
  })

  it('refuses parts that do not hold together', () => {
    const parts = { ids: ['a'], vocabulary: ['b', 'a'], counts: Uint32Array.of(1, 1), postings: Uint32Array.of(0, 0) }
    expect(() => TextIndex.fromParts(parts)).toThrow(/sorted/)
    expect(() => TextIndex.fromParts({ ...parts, vocabulary: ['a', 'b'], counts: Uint32Array.of(1) })).toThrow()
  })

  it('splits any text into the same words as the plain definition, letters and digits of any script', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      '7',
      'é',
      'É',
      'ß',
      'ø',
      'ı',
      'Ω',
      '中',
      '٣',
      'e\u0301',
      ' ',
      '-',
      "'",
      '.',
      '\u00a0',
      '😀',
      'ǅ',
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('')
        expect(foldedWords(text)).toEqual(fold(text).match(/[\p{L}\p{N}]+/gu) ?? [])
      }),
      { numRuns: 2000 },
    )
  })
})
