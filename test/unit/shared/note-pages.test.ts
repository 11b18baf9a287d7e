import { describe, expect, it } from 'vitest'
import { limitShowing, LINKED_SHOWN, linkingNotes, NOTES_PAGE, noteGist } from '../../../src/shared/note-pages'

const note = (id: string) => ({ id })

describe('linkingNotes', () => {
  it('gives each linking note once, in the lists’ order, without the note itself', () => {
    const linkedFrom = new Map([
      ['cecop', [note('a'), note('me'), note('b')]],
      ['cicopa', [note('b'), note('c')]],
    ])
    expect(linkingNotes('me', ['cecop', 'cicopa'], linkedFrom)).toEqual({ shown: [note('a'), note('b'), note('c')], more: 0 })
    expect(linkingNotes('me', ['nobody'], linkedFrom)).toEqual({ shown: [], more: 0 })
  })

  it('counts the same for a note about one organisation, linking to it or not, as going through every note would', () => {
    const list = ['a', 'b', 'me', 'c', 'd', 'e'].map(note)
    const linkedFrom = new Map([['cecop', list]])
    expect(linkingNotes('me', ['cecop'], linkedFrom)).toEqual({ shown: [note('a'), note('b'), note('c')], more: 2 })
    expect(linkingNotes('other', ['cecop'], linkedFrom)).toEqual({ shown: [note('a'), note('b'), note('me')], more: 3 })
    expect(linkingNotes('e', ['cecop'], linkedFrom, 10)).toEqual({ shown: list.slice(0, 5), more: 0 })
    // The same answers through the general way (two organisations, the second linked by nobody).
    expect(linkingNotes('me', ['cecop', 'nobody'], linkedFrom)).toEqual({ shown: [note('a'), note('b'), note('c')], more: 2 })
  })

  it('names the first few and counts the rest, however many link', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => note(`n${i}`))
    const linkedFrom = new Map([
      ['cecop', many],
      ['cicopa', many.slice(0, 1_000)],
    ])
    const { shown, more } = linkingNotes('n5', ['cecop', 'cicopa'], linkedFrom)
    expect(shown.map((n) => n.id)).toEqual(['n0', 'n1', 'n2'].slice(0, LINKED_SHOWN))
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
