/**
 * A change's line in the journal, written out a few notes at a time. A change of many notes (a merge of another
 * device's file, an import) is one line of megabytes: at 10,000 notes JSON.stringify held main about 180 ms in one
 * block, during which no search or read was answered (npm run bench). Saves wait behind it in the store's queue
 * either way; everything else now goes on between its steps.
 */
import type { Steps } from '../work-in-slices'

/** Notes written out in one step. */
const NOTES_PER_STEP = 64

/**
 * The entry as one line of JSON ending with a newline, as UTF-8 bytes in pieces written one after another
 * (Journal.appendLine): JSON.stringify's own text for each part, the notes last (a key's place changes nothing for
 * JSON.parse), one piece per step. The pieces are not joined: joined, a merge of 10,000 notes took 23 MB more
 * memory, new each time (about 100 ms to touch on the machine the bench runs on). A change with few or no notes is
 * one piece, made in one step.
 */
export function* journalLine(entry: object): Steps<Buffer[]> {
  const { notes, ...rest } = entry as { notes?: unknown }
  if (!Array.isArray(notes) || notes.length <= NOTES_PER_STEP) return [Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8')]
  // The rest of the change with its notes emptied and last: it ends with `"notes":[]}`, cut before its `]}`.
  const head = JSON.stringify({ ...rest, notes: [] })
  const pieces = [Buffer.from(head.slice(0, -2), 'utf8')]
  let step: string[] = []
  for (let n = 0; n < notes.length; n++) {
    // As JSON.stringify writes an array's element (null for what JSON has no value for).
    step.push(`${n === 0 ? '' : ','}${JSON.stringify(notes[n]) ?? 'null'}`)
    if ((n + 1) % NOTES_PER_STEP === 0) {
      pieces.push(Buffer.from(step.join(''), 'utf8'))
      step = []
      yield
    }
  }
  pieces.push(Buffer.from(`${step.join('')}]}\n`, 'utf8'))
  return pieces
}
