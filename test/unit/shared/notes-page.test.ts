/** Pages of notes as main sends them: a profile's lists and the notes page's list. */
import { describe, expect, it } from 'vitest'
import type { NoteListing } from '../../../src/shared/domain'
import { linkingNote, listPage, notesPage } from '../../../src/shared/notes-page'
import { NOTES_PAGE } from '../../../src/shared/note-pages'
import { aNote, minute } from '../../support/notes'

const listing = (n: number, body: string, fields: Partial<NoteListing> = {}): NoteListing => ({
  ...aNote(n, body),
  targetLabel: 'CECOP',
  orphaned: false,
  updated: minute(n),
  ...fields,
})

describe('listPage', () => {
  const list = Array.from({ length: 120 }, (_, i) => ({ id: `n${i}` }))

  it('gives the first `limit`, or the pages down to a note further down, or every one without a limit', () => {
    expect(listPage(list, NOTES_PAGE)).toMatchObject({ total: 120, limit: NOTES_PAGE })
    expect(listPage(list, NOTES_PAGE).notes.at(-1)).toEqual({ id: 'n49' })
    expect(listPage(list, NOTES_PAGE, 'n119')).toMatchObject({ total: 120, limit: 3 * NOTES_PAGE })
    expect(listPage(list, NOTES_PAGE, 'n119').notes).toHaveLength(120)
    expect(listPage(list, NOTES_PAGE, 'nobody').notes).toHaveLength(NOTES_PAGE)
    expect(listPage(list)).toMatchObject({ total: 120, limit: 120 })
  })
})

describe('linkingNote', () => {
  it('sends a note’s first words and what it is about, its other subjects only when it has some', () => {
    const one = listing(1, '# Congress\n\nVote with **[[CECOP]]** on the plan', { otherLabels: [] })
    expect(linkingNote(one, 20)).toEqual({ id: one.id, target: one.target, targetLabel: 'CECOP', gist: 'Congress — Vote with…' })
    const several: NoteListing = { ...one, alsoAbout: [{ kind: 'pillar', id: 'pillar-1' }], otherLabels: ['Visibility'] }
    expect(linkingNote(several, 200)).toMatchObject({
      alsoAbout: [{ kind: 'pillar', id: 'pillar-1' }],
      otherLabels: ['Visibility'],
      gist: 'Congress — Vote with CECOP on the plan',
    })
  })
})

describe('notesPage', () => {
  it('counts the notes kept, trashed and orphaned over the whole store, whatever the filter lets through', () => {
    const notes = [
      listing(1, 'One'),
      listing(2, 'Two', { trashed: minute(9) }),
      listing(3, 'Three', { target: { kind: 'organisation', id: 'gone' } }),
      listing(4, 'Four', { target: null }),
    ]
    const page = notesPage(
      notes,
      { filter: { text: 'one', tag: '', kind: '', sort: 'updated', trash: false }, limit: 50, locale: 'en' },
      {
        subject: (n) => (n.target === null || n.target.id === 'gone' ? '' : 'CECOP'),
        listing: (n) => n,
        organisations: () => [],
        linkedFrom: new Map(),
      },
    )
    expect(page.notes.map((n) => n.body)).toEqual(['One'])
    // A free note is about nothing by choice: not orphaned.
    expect(page).toMatchObject({ total: 1, limit: 50, counts: { kept: 3, trashed: 1, orphaned: 1 }, linkedFrom: {} })
  })
})
