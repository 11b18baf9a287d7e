/**
 * The records a device file's body holds (folder-format.ts frames the body) and the rules they obey: the store's own
 * rules for each record (schema.ts), no record twice, a version with room for an edit.
 *
 * Read two ways, with one verdict. checkedRecords parses the body whole and says what is wrong with it.
 * checkedRecordsOneByOne, for the worker that reads other devices' files (device-file-reader.ts, which tells main
 * where the records are between its two halves), parses and checks the notes one by one and keeps none of them: main
 * parses them again from the body's text anyway. Parsed whole and kept, a body of 10,000 notes (23 MB) cost the
 * worker a string of its own and 23 MB of objects, new memory each, whose first touch is costly on the machine the
 * bench runs on (npm run bench's merge: about 300 ms of the worker's 570). One by one only ever says yes when
 * checkedRecords would (a test holds it to that); on anything it does not expect it says it is unsure, and
 * checkedRecords decides.
 */
import * as v from 'valibot'
import { roomForEdits } from '../../../shared/note-rules'
import { CorrectionTombstone, StoredCorrection, StoredNote, Tombstone, withNotesCheckedByHand } from '../../store/schema'
import type { Replica } from './merge'
import { recordRanges, type RecordRanges } from './record-ranges'

/** The body's lists, in the order a replica names them. */
export const PARTS = ['notes', 'tombstones', 'corrections', 'correctionTombstones'] as const
export type Part = (typeof PARTS)[number]

const Body = v.strictObject({
  notes: v.array(StoredNote),
  tombstones: v.array(Tombstone),
  corrections: v.optional(v.array(StoredCorrection)),
  correctionTombstones: v.optional(v.array(CorrectionTombstone)),
})

/** Only the notes, for checking them a few at a time by hand (what the body's schema says of them). */
const NotesOnly = v.strictObject({ notes: v.array(StoredNote) })

/**
 * The body by the store's own rules: its notes by hand (withNotesCheckedByHand, bodies included), the rest by
 * valibot; valibot over the whole when unsure, which also says what is wrong. valibot over 10,000 notes took
 * 120 ms of the 450 ms the worker spent checking a file of them.
 */
function checkedBody(parsed: unknown): { success: true; output: v.InferOutput<typeof Body> } | v.SafeParseResult<typeof Body> {
  const byHand = typeof parsed === 'object' && parsed !== null && 'notes' in parsed ? withNotesCheckedByHand(Body, parsed, 'checked') : null
  return byHand ? { success: true, output: byHand as v.InferOutput<typeof Body> } : v.safeParse(Body, parsed)
}

/** The first id `records` hold twice, or null. */
function twice(records: readonly { id: string }[]): string | null {
  const ids = new Set<string>()
  for (const { id } of records) {
    if (ids.has(id)) return id
    ids.add(id)
  }
  return null
}

/** The records of a body (its JSON text), checked whole: the replica, or why it cannot be taken. */
export function checkedRecords(body: string): { replica: Replica } | { why: string } {
  let parsedBody: unknown
  try {
    parsedBody = JSON.parse(body)
  } catch {
    return { why: 'its notes are not valid JSON' }
  }
  return checkedReplica(parsedBody)
}

/** The body, parsed, checked whole. */
function checkedReplica(parsedBody: unknown): { replica: Replica } | { why: string } {
  const checked = checkedBody(parsedBody)
  if (!checked.success)
    return { why: `a record in it breaks the rules (${v.getDotPath(checked.issues[0]) ?? 'body'}: ${checked.issues[0].message})` }
  const { notes, tombstones, corrections, correctionTombstones } = checked.output
  const repeated: [readonly { id: string }[] | undefined, string][] = [
    [notes, 'the note'],
    [tombstones, 'the tombstone of'],
    [corrections, 'the correction'],
    [correctionTombstones, 'the tombstone of the correction'],
  ]
  for (const [records, what] of repeated) {
    const id = records && twice(records)
    if (id) return { why: `it holds ${what} ${id} twice` }
  }
  if (![...notes, ...tombstones].every(({ versions }) => roomForEdits(versions)))
    return { why: 'a version in it leaves no room for an edit' }
  return {
    replica: {
      notes,
      tombstones,
      ...(corrections && { corrections }),
      ...(correctionTombstones && { correctionTombstones }),
    },
  }
}

/** Notes parsed and checked at a time by checkedRecordsOneByOne. */
const NOTES_AT_A_TIME = 64

/**
 * The records of a body (its UTF-8 bytes), checked one by one: where each is in the bytes, part by part (in the
 * order the body holds them), when every record can be taken; null when one cannot, or when unsure.
 */
export function checkedRecordsOneByOne(body: Buffer): RecordPlaces | null {
  const places = placesOfRecords(body)
  return places && recordsPlainlyValid(body, places) ? places : null
}

/** Where each record is in a body's bytes, part by part, as the body holds them. */
export type RecordPlaces = [Part, Uint32Array][]

/**
 * The first half of checkedRecordsOneByOne: where each record is, when the body is an object of the known lists of
 * records and nothing else (the notes among them); null otherwise. The records themselves are not read yet.
 */
export function placesOfRecords(body: Buffer): RecordPlaces | null {
  const found = recordRanges(body)
  if (!found || !holdsOnlyRecords(body, found)) return null
  const parts = [...found.keys()]
  if (!parts.every((part): part is Part => (PARTS as readonly string[]).includes(part)) || !found.has('notes')) return null
  return parts.map((part) => [part, Uint32Array.from(found.get(part)!)])
}

/** The second half: whether every record at those places can be taken. False when one cannot, or when unsure. */
export function recordsPlainlyValid(body: Buffer, places: RecordPlaces): boolean {
  const parse = (ranges: Uint32Array, from: number, to: number): unknown[] | null => {
    const records: unknown[] = []
    try {
      for (let n = from; n < to; n++) records.push(JSON.parse(body.toString('utf8', ranges[2 * n], ranges[2 * n + 1])))
    } catch {
      return null
    }
    return records
  }
  // Everything but the notes, parsed and kept (they are few and small), and checked as the whole body is.
  const rest: Record<string, unknown[]> = {}
  for (const [part, ranges] of places) {
    if (part === 'notes') continue
    const records = parse(ranges, 0, ranges.length / 2)
    if (!records) return false
    rest[part] = records
  }
  if ('why' in checkedReplica({ ...rest, notes: [] })) return false
  // The notes, a few at a time, by the same hand check; only their ids are kept.
  const noteRanges = places.find(([part]) => part === 'notes')![1]
  const ids = new Set<string>()
  const count = noteRanges.length / 2
  for (let at = 0; at < count; at += NOTES_AT_A_TIME) {
    const notes = parse(noteRanges, at, Math.min(at + NOTES_AT_A_TIME, count)) as { id: string; versions: Record<string, number> }[] | null
    if (!notes || !withNotesCheckedByHand(NotesOnly, { notes }, 'checked')) return false
    for (const { id, versions } of notes) {
      if (ids.has(id) || !roomForEdits(versions)) return false
      ids.add(id)
    }
  }
  return true
}

/**
 * Whether the body is an object of lists of the records found, and nothing else: its text with each record taken
 * out is valid JSON of that shape. With each record then valid JSON of its own, the whole is valid JSON (a record
 * stands where any value may), and holds what was found, in that order.
 */
function holdsOnlyRecords(body: Buffer, found: RecordRanges): boolean {
  const pieces: string[] = []
  let at = 0
  for (const ranges of found.values()) {
    for (let n = 0; n < ranges.length; n += 2) {
      pieces.push(body.toString('utf8', at, ranges[n]), '{}')
      at = ranges[n + 1]!
    }
  }
  pieces.push(body.toString('utf8', at))
  let outline: unknown
  try {
    outline = JSON.parse(pieces.join(''))
  } catch {
    return false
  }
  if (typeof outline !== 'object' || outline === null || Array.isArray(outline)) return false
  const keys = Object.keys(outline)
  const foundKeys = [...found.keys()]
  if (keys.length !== foundKeys.length || keys.some((key, n) => key !== foundKeys[n])) return false
  return keys.every((key) => {
    const list = (outline as Record<string, unknown>)[key]
    return (
      Array.isArray(list) &&
      list.length === found.get(key)!.length / 2 &&
      list.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item) && Object.keys(item).length === 0)
    )
  })
}
