import { describe, expect, it } from 'vitest'
import { limitShowing, LINKED_SHOWN, linkingNotes, NOTES_PAGE, noteGist } from '../../../src/shared/note-pages'

describe('linkingNotes', () => {
  // Edited on the given day of January: the higher, the newer.
  const note = (id: string, day = 1) => ({ id, updated: `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z` })

  it('gives each linking note once, the newest first whatever the lists’ order, without the note itself', () => {
    const linkedFrom = new Map([
      ['cecop', [note('a', 1), note('me', 9), note('b', 3)]],
      ['cicopa', [note('b', 3), note('c', 2)]],
    ])
    expect(linkingNotes('me', ['cecop', 'cicopa'], linkedFrom)).toEqual({ shown: [note('b', 3), note('c', 2), note('a', 1)], more: 0 })
    expect(linkingNotes('me', ['nobody'], linkedFrom)).toEqual({ shown: [], more: 0 })
  })

  it('counts the same for a note about one organisation, linking to it or not, as the general way', () => {
    const list = [note('a', 5), note('b', 6), note('me', 7), note('c', 4), note('d', 2), note('e', 3)]
    const linkedFrom = new Map([['cecop', list]])
    expect(linkingNotes('me', ['cecop'], linkedFrom)).toEqual({ shown: [note('b', 6), note('a', 5), note('c', 4)], more: 2 })
    expect(linkingNotes('other', ['cecop'], linkedFrom)).toEqual({ shown: [note('me', 7), note('b', 6), note('a', 5)], more: 3 })
    expect(linkingNotes('e', ['cecop'], linkedFrom, 10).shown.map((n) => n.id)).toEqual(['me', 'b', 'a', 'c', 'd'])
    // The same answers through the general way (two organisations, the second linked by nobody).
    expect(linkingNotes('me', ['cecop', 'nobody'], linkedFrom)).toEqual({ shown: [note('b', 6), note('a', 5), note('c', 4)], more: 2 })
  })

  it('names the newest few and counts the rest, however many link', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({
      id: `n${i}`,
      updated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }))
    const linkedFrom = new Map([
      ['cecop', many],
      ['cicopa', many.slice(1_000)],
    ])
    const { shown, more } = linkingNotes('n1999', ['cecop', 'cicopa'], linkedFrom)
    expect(shown.map((n) => n.id)).toEqual(['n1998', 'n1997', 'n1996'].slice(0, LINKED_SHOWN))
    // 2,000 notes, less the note itself, each counted once though it links to both.
    expect(more).toBe(1_999 - LINKED_SHOWN)
  })
})

describe('limitShowing', () => {
  it('keeps what is shown when the note is among it, else shows the pages down to it', () => {
    expect(limitShowing(-1, NOTES_PAGE)).toBe(NOTES_PAGE)
    expect(limitShowing(NOTES_PAGE - 1, NOTES_PAGE)).toBe(NOTES_PAGE)
    expect(limitShowing(NOTES_PAGE, NOTES_PAGE)).toBe(2 * NOTES_PAGE)
    expect(limitShowing(3 * NOTES_PAGE - 1, NOTES_PAGE)).toBe(3 * NOTES_PAGE)
    expect(limitShowing(10, 2 * NOTES_PAGE)).toBe(2 * NOTES_PAGE)
  })
})

describe('noteGist', () => {
  it('reads a note’s Markdown as its words, its lines run together', () => {
    expect(noteGist('# Congress\n\nVote on **the plan** with [[CECOP]]', 72)).toBe('Congress — Vote on the plan with CECOP')
  })

  it('cuts a long note at a word, and a word too long for half the room where it must', () => {
    expect(noteGist('one two three four five six', 14)).toBe('one two three…')
    expect(noteGist('a'.repeat(40), 10)).toBe(`${'a'.repeat(10)}…`)
  })
})
