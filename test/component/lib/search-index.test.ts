import { describe, expect, it } from 'vitest'
import { fold } from '../../../src/shared/fold'
import {
  highlight,
  noteDocument,
  packDocuments,
  parseQuery,
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

  it('finds CICOPA and CECOP by their names as a Spanish speaker writes them, though no source gives those', () => {
    // The pack has CICOPA's English and French names only (research-facts-3: no Spanish name found); each Spanish
    // word is within the typo tolerance of the English or French one ("organización" ~ "organisation").
    expect(first('Organización Internacional')?.id).toBe('organisation:cicopa')
    expect(first('Confederación Europea de Cooperativas')?.id).toBe('organisation:cecop')
  })

  it("names an organisation in the reader's language where a source gives that name, else as before", () => {
    const cicopa = index.search('cicopa')[0]!
    expect(cicopa.inLanguages?.fr.detail).toBe(
      "Organisation Internationale des Coopératives de Production Industrielles, d'Artisanat et de Services",
    )
    expect(cicopa.inLanguages?.es.detail).toBe(cicopa.detail) // no source gives a Spanish name
    expect(cicopa.inLanguages?.en.detail).toBe('International Organisation of Industrial and Service Cooperatives')
    expect(index.search('cicopa americas')[0]?.inLanguages?.es.detail).toMatch(/^Organización Sectorial Regional/)
    expect(index.search('coceta')[0]?.inLanguages).toBeUndefined()
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
    expect(local.search('zanzibar')[0]).toMatchObject({ kind: 'note', href: `#/org/cecop?note=${note.id}` })
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

  it('finds what holds every word across an item’s fields: its name and a fact of its profile', () => {
    // "1979" is CECOP's founding year, in no name; "cecop" is its name.
    expect(first('cecop 1979')?.id).toBe('organisation:cecop')
    // Facts the description does not repeat: COCETA's founding year, a leader of Mondragon, CECOP's street.
    // (The events that hold both words in their titles rank with them.)
    expect(
      index
        .search('coceta 1986')
        .slice(0, 3)
        .map((h) => h.id),
    ).toContain('organisation:coceta')
    expect(
      index
        .search('mondragon ucin')
        .slice(0, 3)
        .map((h) => h.id),
    ).toContain('organisation:mondragon')
    expect(index.search('cecop milcamps').map((h) => h.id)).toContain('organisation:cecop')
    // A country in another language than the description's: Mondragon is in Spain.
    expect(index.search('mondragon espagne').map((h) => h.id)).toContain('organisation:mondragon')
    expect(index.search('mondragon espana').map((h) => h.id)).toContain('organisation:mondragon')
    // The profile's labels, in every language, are words of its facts; an item named by a word comes first.
    const labelled = new SearchIndex(
      packDocuments(pack, {
        founded: 'Founded Fondation Fundación',
        headquarters: 'Headquarters Siège Sede',
        people: 'People Personnes Personas',
      }),
    )
    expect(labelled.search('founded brussels').map((h) => h.id)).toEqual(expect.arrayContaining(['organisation:cecop', 'organisation:ica']))
    expect(labelled.search('fundación bruselas').map((h) => h.id)).toContain('organisation:cecop')
    expect(labelled.search('siège bruxelles cecop')[0]?.id).toBe('organisation:cecop')
    expect(index.search('founded brussels')).toEqual([])
    // Every word must hold: a word no item has leaves nothing.
    expect(index.search('cecop zzzqqq')).toEqual([])
  })

  it('takes quoted words as a phrase: in that order, next to each other', () => {
    const phrase = index.search('"worker cooperatives"')
    const reversed = index.search('"cooperatives worker"')
    const loose = index.search('worker cooperatives')
    expect(phrase.length).toBeGreaterThan(0)
    expect(phrase.length).toBeLessThan(loose.length)
    expect(reversed.length).toBeLessThan(phrase.length)
    for (const hit of phrase)
      expect(fold(`${hit.names} ${hit.title} ${hit.detail} ${hit.text}`).replace(/[^\p{L}\p{N}]+/gu, ' ')).toContain('worker cooperatives')
    // French guillemets quote too; a phrase still being typed matches its last word as a prefix.
    expect(index.search('«worker cooperatives»').map((h) => h.id)).toEqual(phrase.map((h) => h.id))
    expect(index.search('"worker cooperat').map((h) => h.id)).toEqual(expect.arrayContaining(phrase.map((h) => h.id)))
    expect(parseQuery('cecop "social economy" 2021')).toEqual({
      words: ['cecop', 'social', 'economy', '2021'],
      phrases: [{ words: ['social', 'economy'], open: false }],
      plain: 'cecop social economy 2021',
    })
  })

  it('keeps only the kinds asked for', () => {
    const all = index.search('cecop')
    expect(new Set(all.map((h) => h.kind)).size).toBeGreaterThan(1)
    const events = index.search('cecop', { kinds: new Set(['event']) })
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((h) => h.kind === 'event')).toBe(true)
    const sourcesAndOrgs = index.search('cecop', { kinds: new Set(['source', 'organisation']) })
    expect(new Set(sourcesAndOrgs.map((h) => h.kind))).toEqual(new Set(['source', 'organisation']))
    const local = new SearchIndex(packDocuments(pack))
    local.upsert(noteDocument({ ...aNote(1, 'CECOP board, notes'), tags: [] }, 'CECOP'))
    expect(local.search('cecop board', { kinds: new Set(['note']) }).map((h) => h.kind)).toEqual(['note'])
    expect(local.search('cecop board', { kinds: new Set(['organisation']) }).some((h) => h.kind === 'note')).toBe(false)
  })

  it('shows a note’s snippet as text, without its Markdown', () => {
    const body = `# Board meeting\n\n${'Long preamble about many other things. '.repeat(4)}Then **[[CECOP]]** asked about _training budgets_ (see [the plan](https://example.org/plan)) and \`more\`.`
    const local = new SearchIndex(packDocuments(pack))
    local.upsert(noteDocument({ ...aNote(1, body), tags: [] }, 'CECOP'))
    const snippet = local.search('training').at(-1)!.snippet!
    expect(snippet).toContain('Then CECOP asked about training budgets (see the plan) and more.')
    expect(snippet).not.toMatch(/[*_`[\]#]|https:/)
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
