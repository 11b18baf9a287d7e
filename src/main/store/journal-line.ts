/**
 * A change's line in the journal. A change of many notes (a merge of another device's file, an import) is one line
 * of megabytes: it is given as pieces of its JSON text, made one after another while the journal writes them
 * (Journal.appendLine), never whole. At 10,000 notes (23 MB), JSON.stringify of the whole held main about 180 ms in
 * one block; pieces made all at once and then written took 23 MB of text and 23 MB of bytes more, new memory each
 * time: 420 ms together, against 160 ms made as written (npm run bench's merge; the first touch of memory is costly
 * on the machine the bench runs on). Saves wait behind it in the store's queue either way; everything else goes on
 * while each piece is written.
 */

/** Up to this many notes, a change is one text, written in one call. */
const FEW_NOTES = 64

/**
 * The entry as one line of JSON ending with a newline: one text for a change with few or no notes, else its pieces in
 * order: JSON.stringify's own text of the rest of the change with its notes last (a key's place changes nothing for
 * JSON.parse), then each note's.
 */
export function journalLine(entry: object): string | Iterable<string> {
  const { notes, ...rest } = entry as { notes?: unknown }
  if (!Array.isArray(notes) || notes.length <= FEW_NOTES) return `${JSON.stringify(entry)}\n`
  return notesOneByOne(rest, notes)
}

function* notesOneByOne(rest: object, notes: unknown[]): Generator<string, void, undefined> {
  // The rest of the change with its notes emptied and last: it ends with `"notes":[]}`, cut before its `]}`.
  yield JSON.stringify({ ...rest, notes: [] }).slice(0, -2)
  // As JSON.stringify writes an array's element (null for what JSON has no value for).
  for (let n = 0; n < notes.length; n++) yield `${n === 0 ? '' : ','}${JSON.stringify(notes[n]) ?? 'null'}`
  yield ']}\n'
}
