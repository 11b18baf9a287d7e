import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { journalLine } from '../../../../src/main/store/journal-line'
import { runToEnd } from '../../../../src/main/work-in-slices'
import { aNote, deviceId, minute, noteId } from '../../../support/notes'

const text = fc.string({ unit: 'binary', maxLength: 40 })
const note = fc.tuple(fc.nat(100_000), text, fc.array(text, { maxLength: 3 })).map(([n, body, tags]) => aNote(n, body, { tags }))
/** As few as none and as many as several steps' worth (fast-check's own sizes stay under one step). */
const notes = fc.integer({ min: 0, max: 300 }).chain((length) => fc.array(note, { minLength: length, maxLength: length }))

/** Every step taken, counted: a long change must give main back between its steps. */
function stepsOf(entry: object): { line: Buffer; steps: number } {
  const steps = journalLine(entry)
  for (let count = 0; ; count++) {
    const step = steps.next()
    if (step.done) return { line: Buffer.concat(step.value), steps: count }
  }
}

describe('a change written out as its journal line, a few notes at a time', () => {
  it('reads back as exactly the change, on one line, whatever its notes hold (lone surrogates, line breaks, quotes)', () => {
    fc.assert(
      fc.property(notes, fc.array(fc.nat(100_000).map(noteId), { maxLength: 5 }), (notes, remove) => {
        const entry = {
          op: 'merge',
          notes,
          remove,
          tombstones: [{ id: noteId(1), versions: { [deviceId(2)]: 3 }, deleted: minute(4), shared: false }],
        }
        const line = Buffer.concat(runToEnd(journalLine(entry))).toString('utf8')
        expect(line.endsWith('\n')).toBe(true)
        expect(line.indexOf('\n')).toBe(line.length - 1)
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(entry)))
      }),
      { numRuns: 300 },
    )
  })

  it('gives main back between steps for a change of many notes, and is JSON.stringify itself for a small one', () => {
    const many = {
      op: 'merge',
      notes: Array.from({ length: 1000 }, (_, n) => aNote(n, `note ${n} ${'x'.repeat(300)}`)),
      remove: [noteId(5)],
      tombstones: [],
    }
    const { line, steps } = stepsOf(many)
    expect(steps).toBeGreaterThanOrEqual(Math.floor(1000 / 64))
    expect(JSON.parse(line.toString('utf8'))).toEqual(many)
    const small = { op: 'put-note', note: aNote(1, 'one') }
    expect(stepsOf(small)).toEqual({ line: Buffer.from(`${JSON.stringify(small)}\n`), steps: 0 })
  })
})
