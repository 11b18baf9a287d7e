/** The all-notes view's list: which notes show for the filters the user set, and in what order. */
import { describe, expect, it } from 'vitest'
import { filterNotes, type NoteFilter } from '../../../src/shared/notes-filter'
import type { NoteListing } from '../../../src/shared/domain'
import { aNote, minute } from '../../support/notes'

const listing = (n: number, body: string, fields: Partial<NoteListing> = {}): NoteListing => ({
  ...aNote(n, body),
  targetLabel: 'CECOP',
  orphaned: false,
  ...fields,
})
const NOTES: NoteListing[] = [
  listing(1, 'Congress in Brussels', { tags: ['Congress'], created: minute(1), updated: minute(5) }),
  listing(2, 'Statute change', {
    target: { kind: 'event', id: 'ev-1' },
    targetLabel: 'Assembly of 1979',
    created: minute(2),
    updated: minute(3),
  }),
  listing(3, 'Budget vote', { targetLabel: 'CICOPA', created: minute(3), updated: minute(4), trashed: minute(6) }),
  listing(4, 'Confédération members', { targetLabel: null, orphaned: true, created: minute(4), updated: minute(1) }),
]
const ALL: NoteFilter = { text: '', tag: '', kind: '', sort: 'updated', trash: false }
const label = (n: NoteListing) => n.targetLabel ?? ''
const shown = (filter: Partial<NoteFilter>) => filterNotes(NOTES, { ...ALL, ...filter }, label).map((n) => n.body.split(' ')[0])

describe('filterNotes', () => {
  it('shows the notes outside the trash, last edited first, or only the trash when asked', () => {
    expect(shown({})).toEqual(['Congress', 'Statute', 'Confédération'])
    expect(shown({ trash: true })).toEqual(['Budget'])
  })

  it('sorts by creation, or by what the notes are about with notes about nothing known last', () => {
    expect(shown({ sort: 'created' })).toEqual(['Confédération', 'Statute', 'Congress'])
    expect(shown({ sort: 'about' })).toEqual(['Statute', 'Congress', 'Confédération'])
  })

  it('finds text in the body, the tags or the subject, ignoring case and accents and surrounding spaces', () => {
    expect(shown({ text: '  brussels ' })).toEqual(['Congress'])
    expect(shown({ text: 'confederation' })).toEqual(['Confédération'])
    expect(shown({ text: 'assembly' })).toEqual(['Statute'])
    expect(shown({ text: 'nothing like it' })).toEqual([])
  })

  it('filters by tag whatever its case, and by the kind of subject', () => {
    expect(shown({ tag: 'congress' })).toEqual(['Congress'])
    expect(shown({ kind: 'event' })).toEqual(['Statute'])
    expect(shown({ kind: 'organisation', text: 'members' })).toEqual(['Confédération'])
  })

  it('leaves the list it was given as it was', () => {
    const before = NOTES.map((n) => n.id)
    filterNotes(NOTES, { ...ALL, sort: 'created' }, label)
    expect(NOTES.map((n) => n.id)).toEqual(before)
  })

  it("filters and sorts by the subject as the reader sees it, in the reader's language", () => {
    const french = (n: NoteListing) => (n.target?.kind === 'event' ? 'Assemblée de 1979' : (n.targetLabel ?? ''))
    const ids = (filter: Partial<NoteFilter>) => filterNotes(NOTES, { ...ALL, ...filter }, french, 'fr').map((n) => n.body.split(' ')[0])
    expect(ids({ text: 'assemblee' })).toEqual(['Statute'])
    expect(ids({ text: 'assembly' })).toEqual([])
    expect(ids({ sort: 'about' })).toEqual(['Statute', 'Congress', 'Confédération'])
  })
})
