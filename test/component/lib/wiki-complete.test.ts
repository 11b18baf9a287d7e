/** Completing [[organisation names]] while typing a note: what is offered, and what choosing one writes. */
import { describe, expect, it } from 'vitest'
import { insertWikiLink, matchNames, wikiQueryAt, type NameChoice } from '../../../src/renderer/lib/wiki-complete'

describe('wikiQueryAt', () => {
  it('finds the unfinished [[… just before the caret', () => {
    const body = 'Met [[Co and [[CEC'
    expect(wikiQueryAt(body, body.length)).toEqual({ start: 13, text: 'CEC' })
    expect(wikiQueryAt(body, 8)).toEqual({ start: 4, text: 'Co' })
    expect(wikiQueryAt('Met [[', 6)).toEqual({ start: 4, text: '' })
  })

  it('offers nothing outside an open [[: no brackets, a closed link, a new line, or a long run of text', () => {
    expect(wikiQueryAt('plain text', 10)).toBeNull()
    expect(wikiQueryAt('[[CECOP]] then', 14)).toBeNull()
    expect(wikiQueryAt('[[CECOP\nnext', 12)).toBeNull()
    expect(wikiQueryAt(`[[${'x'.repeat(81)}`, 83)).toBeNull()
    expect(wikiQueryAt(`[[${'x'.repeat(80)}`, 82)?.text).toHaveLength(80)
  })
})

describe('matchNames', () => {
  const choices: NameChoice[] = [
    { id: 'cicopa', label: 'CICOPA', detail: 'International Organisation of Industrial and Service Cooperatives' },
    { id: 'cecop', label: 'CECOP', detail: 'CECOP – CICOPA Europe' },
    { id: 'coceta', label: 'COCETA', detail: 'Confederación Española de Cooperativas de Trabajo Asociado' },
    { id: 'cg-scop', label: 'CG Scop', detail: 'Confédération générale des Scop' },
  ]
  const ids = (found: NameChoice[]) => found.map((c) => c.id)

  it('puts names that begin with the text before names that only contain it, ignoring case and accents', () => {
    expect(ids(matchNames(choices, 'co'))).toEqual(['coceta', 'cg-scop', 'cicopa', 'cecop'])
    expect(ids(matchNames(choices, 'cec'))).toEqual(['cecop'])
    expect(ids(matchNames(choices, 'confede'))).toEqual(['coceta', 'cg-scop'])
    expect(ids(matchNames(choices, 'Confédé'))).toEqual(['coceta', 'cg-scop'])
  })

  it('matches the full name as well as the short one, and offers each name once', () => {
    expect(ids(matchNames(choices, 'cicopa'))).toEqual(['cicopa', 'cecop'])
  })

  it('offers the first names for an empty query, and never more than the limit', () => {
    expect(ids(matchNames(choices, '', 2))).toEqual(['cicopa', 'cecop'])
    expect(matchNames(choices, 'c', 3)).toHaveLength(3)
    expect(matchNames(choices, 'zzz')).toEqual([])
  })
})

describe('insertWikiLink', () => {
  it('replaces what was typed after [[ with the finished link, keeps the rest, and puts the caret after it', () => {
    const body = 'Met [[cec at the congress'
    const query = wikiQueryAt(body, 9)!
    expect(insertWikiLink(body, query, 9, 'CECOP')).toEqual({ body: 'Met [[CECOP]] at the congress', caret: 13 })
  })
})
