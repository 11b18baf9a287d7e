import { describe, expect, it } from 'vitest'
import { fold } from '../../../src/renderer/lib/fold'
import {
  highlight,
  noteDocument,
  packDocuments,
  SearchIndex,
  snippetAround,
  type SearchDocument,
} from '../../../src/renderer/lib/search-index'
import { aNote } from '../../support/notes'
import { realPack } from '../../support/real-pack'

const pack = realPack

const index = new SearchIndex(packDocuments(pack))
const first = (q: string) => index.search(q)[0]

describe('search over the real pack', () => {
  it('ranks an exact acronym first, whatever the case', () => {
    expect(first('cecop')?.id).toBe('organisation:cecop')
    expect(first('CICOPA')?.id).toBe('organisation:cicopa')
    expect(first('Cicopa')?.id).toBe('organisation:cicopa')
  })

  it('folds accents both ways', () => {
    const withAccent = index.search('Confédération').map((h) => h.id)
    const without = index.search('confederation').map((h) => h.id)
    expect(without.length).toBeGreaterThan(0)
    expect(without).toEqual(withAccent)
  })

  it('matches a prefix while typing, and forgives a typo', () => {
    expect(index.search('mondr').map((h) => h.id)).toContain('organisation:mondragon')
    expect(index.search('mondragn').map((h) => h.id)).toContain('organisation:mondragon')
  })

  it('finds events, the plan and sources, not only organisations', () => {
    const kinds = new Set(index.search('strategic plan').map((h) => h.kind))
    expect(kinds.has('pillar') || kinds.has('plan') || kinds.has('event')).toBe(true)
    expect(index.search('Fantini').some((h) => h.kind === 'event')).toBe(true)
    expect(index.search('thenews').some((h) => h.kind === 'source')).toBe(true)
  })

  it('follows note edits at once', () => {
    const local = new SearchIndex(packDocuments(pack))
    const note = {
      id: '00000000-0000-4000-8000-000000000001',
      target: { kind: 'organisation' as const, id: 'cecop' },
      body: 'Zanzibar meeting',
      tags: ['travel'],
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      trashed: null,
      previous: null,
      versions: { '00000000-0000-4000-8000-00000000d0d0': 1 },
      conflictOf: null,
      shared: false,
      author: null,
    }
    local.upsert(noteDocument(note, 'CECOP'))
    expect(local.search('zanzibar')[0]).toMatchObject({ kind: 'note', href: '#/org/cecop' })
    local.upsert(noteDocument({ ...note, body: 'Lisbon meeting' }, 'CECOP'))
    expect(local.search('zanzibar')).toEqual([])
    expect(local.search('lisbon')).toHaveLength(1)
    local.remove(`note:${note.id}`)
    expect(local.search('lisbon')).toEqual([])
  })

  it('finds a word of a description, ranked below every match in a name', () => {
    const docs = packDocuments(pack)
    const inNames = new Set(docs.flatMap((d) => fold(`${d.names} ${d.title} ${d.detail}`).split(/[^\p{L}\p{N}]+/u)))
    // A long word that only some description uses, never a name or title.
    const org = docs.find(
      (d) =>
        d.kind === 'organisation' &&
        fold(d.text)
          .split(/[^\p{L}\p{N}]+/u)
          .some((w) => w.length > 8 && !inNames.has(w)),
    )!
    const word = fold(org.text)
      .split(/[^\p{L}\p{N}]+/u)
      .find((w) => w.length > 8 && !inNames.has(w))!
    expect(index.search(word).map((h) => h.id)).toContain(org.id)
    const doc = (id: string, names: string, text: string): SearchDocument => ({
      id,
      kind: 'organisation',
      title: names,
      detail: '',
      exact: [],
      names,
      text,
      href: '#/',
    })
    const small = new SearchIndex([
      doc('a', 'Beta', 'says alphabet a lot: alphabet alphabet'),
      doc('b', 'Alphabet Union', ''),
      doc('c', 'Gamma', ''),
    ])
    expect(small.search('alphab').map((h) => h.id)).toEqual(['b', 'a'])
  })

  it('answers the first keystrokes from the names: one or two letters begin a word of a name', () => {
    const hits = index.search('c')
    expect(hits.length).toBeGreaterThan(5)
    expect(
      hits.every((h) =>
        fold(`${h.names} ${h.title}`)
          .split(/[^\p{L}\p{N}]+/u)
          .some((w) => w.startsWith('c')),
      ),
    ).toBe(true)
    expect(index.search('ce').map((h) => h.id)).toContain('organisation:cecop')
    // A short last word narrows the names the first words found.
    const narrowed = index.search('workers c')
    expect(narrowed.length).toBeGreaterThan(0)
    expect(narrowed.every((h) => h.kind !== 'organisation' || /\bc/.test(fold(`${h.names} ${h.title}`)) || h.score < 1e4)).toBe(true)
  })

  it('shows the words around a match in a note past its first line, not one the title already shows', () => {
    const body = `Board meeting\n\n${'Long preamble about many other things. '.repeat(4)}Then the Confédération asked about training budgets for next year and much more after that.`
    expect(snippetAround(body, ['confederation'])).toMatch(/^….*the Confédération asked about training budgets.*…$/)
    expect(snippetAround(body, ['confederation'])!.length).toBeLessThan(140)
    expect(snippetAround(body, ['board'])).toBeUndefined()
    expect(snippetAround(body, ['ederation'])).toBeUndefined() // not the beginning of a word
    const local = new SearchIndex(packDocuments(pack))
    local.upsert(noteDocument({ ...aNote(1, body), tags: [] }, 'CECOP'))
    expect(local.search('confédé').at(-1)).toMatchObject({ kind: 'note', snippet: expect.stringContaining('Confédération asked') })
  })

  it('returns nothing for an empty query', () => {
    expect(index.search('   ')).toEqual([])
  })
})

describe('highlight', () => {
  it('marks the matching parts, blind to case and accents', () => {
    expect(highlight('Confédération générale des Scop', ['confederation'])).toEqual([
      { text: 'Confédération', hit: true },
      { text: ' générale des Scop', hit: false },
    ])
    expect(highlight('CECOP', [])).toEqual([{ text: 'CECOP', hit: false }])
  })
})
