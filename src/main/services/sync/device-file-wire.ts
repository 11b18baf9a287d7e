/**
 * A device file's reading as it crosses from the worker that reads it to main (device-file-reader.ts). An ok file's
 * records travel as their UTF-8 JSON text in one buffer, with where each record starts and ends in it (pairs of byte
 * offsets), part by part; main parses them a slice of time at a time. Sent as objects, 10,000 notes took main 150 ms
 * to receive in one block (a structured clone is read whole before anyone sees it); one JSON.parse of them, 40 ms.
 *
 * The buffer is the memory the worker read the file into, shared with main (a SharedArrayBuffer), where the body's
 * bytes already stand once read (body-in-place.ts); else bytes of their own, moved, not copied.
 */
import type { Steps } from '../../work-in-slices'
import { PARTS, type Part, type RecordPlaces } from './device-file-records'
import type { DeviceFile, DeviceFileReading, NotRead, WholeReading } from './folder-format'
import type { Replica } from './merge'
import { recordRanges } from './record-ranges'

/** The memory a wire reading's text is in: shared with main, or the worker's own, moved to main. */
export type WireText = ArrayBuffer | SharedArrayBuffer

export type WireReading = NotRead | { kind: 'ok'; file: Omit<DeviceFile, 'replica'>; text: WireText; length: number; parts: RecordPlaces }

/** What of a wire reading is moved with it rather than copied (shared memory is neither). */
export const movedWith = (wire: WireReading): ArrayBuffer[] =>
  wire.kind === 'ok'
    ? [wire.text, ...wire.parts.map(([, ranges]) => ranges.buffer)].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer)
    : []

/**
 * A reading made whole (withRecords), for the wire. The records are sent as the very text they were checked from:
 * the body's bytes, and where each record is in them (recordRanges), which costs a scan instead of writing every
 * record out again (JSON.stringify of each took about as long as the check). Should the scan not find the records the
 * check counted, they are written out. `room`: bytes nobody needs any more (the file's own, once read), which the
 * body's bytes may be written over, or already are (`bodyBytes`, as the reading left them).
 */
export function toWire({ reading, body, bodyBytes }: WholeReading, room?: Buffer): WireReading {
  if (reading.kind !== 'ok') return reading
  const { replica, ...file } = reading.file
  const counted = PARTS.filter((part) => replica[part] !== undefined)
  // The body's bytes as the reading left them (written over the file's), else written out here. A body with a lone
  // surrogate (no Coop Atlas writes one: JSON.stringify escapes it) would lose it to U+FFFD as UTF-8 bytes: its
  // records are written out instead, as JSON that keeps it.
  const bytes = bodyBytes ? wireBytes(bodyBytes, room) : body !== undefined && isWellFormed(body) ? encodedBody(body, room) : null
  if (bytes) {
    const { text, length } = bytes
    const found = recordRanges(Buffer.from(text, 0, length))
    if (found && counted.every((part) => found.get(part)?.length === 2 * replica[part]!.length) && found.size === counted.length)
      return { kind: 'ok', file, text, length, parts: counted.map((part) => [part, Uint32Array.from(found.get(part)!)]) }
  }
  const pieces: Buffer[] = []
  let at = 0
  const parts = counted.map((part): [Part, Uint32Array] => {
    const ranges = new Uint32Array(2 * replica[part]!.length)
    replica[part]!.forEach((record, n) => {
      const piece = Buffer.from(JSON.stringify(record), 'utf8')
      pieces.push(piece)
      ranges[2 * n] = at
      ranges[2 * n + 1] = at += piece.length
    })
    return [part, ranges]
  })
  return { kind: 'ok', file, text: ownBuffer(Buffer.concat(pieces)), length: at, parts }
}

/**
 * The body as UTF-8 bytes, in memory that can go to main: written over `room` when they fit (they always do over
 * the file they were read from, where they stand escaped), else in bytes of their own. Bytes of their own are new
 * memory: 23 MB for a file of 10,000 notes, about 100 ms to touch the first time on the machine the bench runs on,
 * where writing over memory already touched took about 20.
 */
function encodedBody(body: string, room?: Buffer): { text: WireText; length: number } {
  const whole = room && wholeBuffer(room)
  if (room && whole) {
    const length = Buffer.byteLength(body, 'utf8')
    if (length <= room.length && room.write(body, 0, 'utf8') === length) return { text: whole, length }
  }
  const bytes = Buffer.from(body, 'utf8')
  return { text: ownBuffer(bytes), length: bytes.length }
}

/**
 * Bytes for the wire: when they start `room`'s memory (which `room` fills: the file's own), that memory and their
 * length (the rest of it goes along, unread); else a copy of their own.
 */
export function wireBytes(bytes: Buffer, room?: Buffer): { text: WireText; length: number } {
  const whole = room && wholeBuffer(room)
  if (whole && bytes.buffer === whole && bytes.byteOffset === 0) return { text: whole, length: bytes.length }
  return { text: ownBuffer(bytes), length: bytes.length }
}

/** No lone surrogate in it (String.prototype.isWellFormed, in Node 20 though not in this project's ES2023 types). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed()

/** The memory the bytes fill whole (as readFile gives it), which can go to main; null for a slice of a larger one. */
const wholeBuffer = (bytes: Uint8Array): WireText | null =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as WireText) : null

/** The bytes in memory of their own (not a slice of Node's pool), so that it can go to main. */
function ownBuffer(bytes: Buffer): WireText {
  const whole = wholeBuffer(bytes)
  if (whole) return whole
  const own = new ArrayBuffer(bytes.length)
  new Uint8Array(own).set(bytes)
  return own
}

/** Records parsed in one step. */
const RECORDS_PER_STEP = 32

/**
 * The reading back from the wire (on main): the records parsed a few at a time. `stopped`: asked between steps;
 * once it says so, nothing more is parsed (the answer is then not used).
 */
export function* fromWire(wire: WireReading, stopped: () => boolean = () => false): Steps<DeviceFileReading> {
  if (wire.kind !== 'ok') return wire
  const text = Buffer.from(wire.text)
  const replica: Partial<Record<Part, unknown[]>> = {}
  let done = 0
  for (const [part, ranges] of wire.parts) {
    const records: unknown[] = (replica[part] = [])
    for (let n = 0; n < ranges.length; n += 2) {
      records.push(JSON.parse(text.toString('utf8', ranges[n], ranges[n + 1])))
      if (++done % RECORDS_PER_STEP === 0) {
        yield
        if (stopped()) return { kind: 'later', why: 'its reading was stopped' }
      }
    }
  }
  return { kind: 'ok', file: { ...wire.file, replica: replica as Replica } }
}
