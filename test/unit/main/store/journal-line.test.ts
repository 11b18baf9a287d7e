import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { journalLine } from '../../../../src/main/store/journal-line'
import { aNote, deviceId, minute, noteId } from '../../../support/notes'

const text = fc.string({ unit: 'binary', maxLength: 40 })
const note = fc.tuple(fc.nat(100_000), text, fc.array(text, { maxLength: 3 })).map(([n, body, tags]) => aNote(n, body, { tags }))
/** As few as none and as many as several steps' worth (fast-check's own sizes stay under one step). */
const notes = fc.integer({ min: 0, max: 300 }).chain((length) => fc.array(note, { minLength: length, maxLength: length }))

/** The line as the journal writes it, and the pieces it is given in (a single text: 1). */
function written(entry: object): { line: string; pieces: number } {
  const line = journalLine(entry)
  if (typeof line === 'string') return { line, pieces: 1 }
  const pieces = [...line]
  return { line: pieces.join(''), pieces: pieces.length }
}

describe('a change written out as its journal line, a note at a time', () => {
  it('reads back as exactly the change, on one line, whatever its notes hold (lone surrogates, line breaks, quotes)', () => {
    fc.assert(
      fc.property(notes, fc.array(fc.nat(100_000).map(noteId), { maxLength: 5 }), (notes, remove) => {
        const entry = {
          op: 'merge',
          notes,
          remove,
          tombstones: [{ id: noteId(1), versions: { [deviceId(2)]: 3 }, deleted: minute(4), shared: false }],
        }
        const { line } = written(entry)
        expect(line.endsWith('\n')).toBe(true)
        expect(line.indexOf('\n')).toBe(line.length - 1)
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(entry)))
      }),
      { numRuns: 300 },
    )
  })

  it('is in pieces, one per note, for a change of many notes, and JSON.stringify itself for a small one', () => {
    const many = {
      op: 'merge',
      notes: Array.from({ length: 1000 }, (_, n) => aNote(n, `note ${n} ${'x'.repeat(300)}`)),
      remove: [noteId(5)],
      tombstones: [],
    }
    const { line, pieces } = written(many)
    expect(pieces).toBe(1000 + 2)
    expect(JSON.parse(line)).toEqual(many)
    const small = { op: 'put-note', note: aNote(1, 'one') }
    expect(journalLine(small)).toBe(`${JSON.stringify(small)}\n`)
  })
})
