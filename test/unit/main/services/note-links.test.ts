/** What main keeps per note for the lists of notes: the links each names, its folded text, folded in the background. */
import { describe, expect, it } from 'vitest'
import { NoteLinks } from '../../../../src/main/services/note-links'
import type { Note } from '../../../../src/shared/domain'
import { foldedText } from '../../../../src/shared/notes-filter'
import { buildNameIndex } from '../../../../src/shared/wiki-links'
import { aNote } from '../../../support/notes'

const organisations = [
  { id: 'cecop', names: { english: 'CECOP – CICOPA Europe', acronym: 'CECOP' } },
  { id: 'cicopa', names: { english: 'CICOPA', acronym: 'CICOPA' } },
]

describe('NoteLinks', () => {
  it('reads a note’s links again once the note is replaced, or the pack’s names change', () => {
    const links = new NoteLinks()
    const index = buildNameIndex(organisations)
    const note = aNote(1, 'With [[CECOP]]')
    expect(links.linksOf(note, index)).toEqual(['cecop'])
    // An edit replaces the stored note.
    expect(links.linksOf({ ...note, body: 'With [[CICOPA]] now' }, index)).toEqual(['cicopa'])
    // A note changed in place all the same (the body kept beside what was read is compared).
    note.body = 'Nothing linked'
    expect(links.linksOf(note, index)).toEqual([])
    // A pack where CECOP is called otherwise.
    const renamed = buildNameIndex([{ id: 'cecop-europe', names: { english: 'CECOP', acronym: 'CECOP' } }])
    expect(links.linksOf({ ...note, body: 'With [[CECOP]]' }, renamed)).toEqual(['cecop-europe'])
  })

  it('gives the notes linking to each organisation, none in the trash', () => {
    const links = new NoteLinks()
    const notes = [aNote(1, '[[CECOP]] and [[CICOPA]]'), aNote(2, '[[cecop]] again'), aNote(3, '[[CECOP]]', { trashed: 'x' })]
    const linked = links.linkedFrom(notes, buildNameIndex(organisations))
    expect(linked.get('cecop')!.map((n) => n.body)).toEqual(['[[CECOP]] and [[CICOPA]]', '[[cecop]] again'])
    expect(linked.get('cicopa')).toHaveLength(1)
  })

  it('folds every note in the background a slice at a time, main answering meanwhile, once at a time', async () => {
    const links = new NoteLinks()
    const notes: Note[] = Array.from({ length: 20_000 }, (_, i) => aNote(i, `Confédération générale n°${i} `.repeat(20)))
    let answered = false
    setImmediate(() => (answered = true))
    const warming = links.warmFolded(notes)
    expect(links.warmFolded(notes)).toBe(warming)
    expect(answered).toBe(false)
    await warming
    // Main answered between slices, before the folding was done.
    expect(answered).toBe(true)
    expect(links.folded(notes[19_999]!)).toContain('confederation generale n°19999')
    // Folded as the filter folds, accents and case away, kept one byte per character where it can be.
    expect(links.folded(notes[7]!)).toBe(foldedText(notes[7]!))
    expect(links.folded(aNote(1, 'Ĳssel — Łódź'))).toBe(foldedText(aNote(1, 'Ĳssel — Łódź')))
    // Changed since: folded again.
    expect(links.folded({ ...notes[0]!, tags: ['Réunion'] })).toContain('reunion')
  })
})
