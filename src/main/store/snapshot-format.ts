/**
 * How the snapshot is laid out on disk: still one JSON document, but written so that opening it does not have to
 * decode every note's text. At 50,000 notes of ~300 words the text is 90% of a 109 MB file, and turning it into
 * JavaScript strings (UTF-8 decode + JSON.parse) cost 600 of the 817 ms an open took (npm run bench).
 *
 *   line 1:   {"sha256":"<hex>","schemaVersion":3,"notes":[…every note without its body…],"corrections":…,
 *              "settings":…,"bodies":[
 *   lines 2…: "<body of note 1>",          one JSON string per line, in the order of "notes"
 *   last:     ]}
 *
 * The SHA-256 covers every byte after its own field. Opening checks it, parses line 1 only, and decodes each body
 * the first time something reads it: damage anywhere in the file is found at open, and more surely than before (a
 * changed letter is valid JSON too). A file in another layout is read whole: an older version, or this one
 * reformatted by someone (other line endings, indentation), whose checksum is then checked against the same
 * document written out again, so a reformat passes and a changed fact does not.
 */
import { createHash } from 'node:crypto'
import { NOTE_KEYS_WITHOUT_BODY, STORE_VERSION, type StoredNote } from './schema'
import type { StoreProblem } from '../../shared/store-notice'
import { utf8Within } from '../../shared/note-rules'
import { joinedAndHashed, runInSlices, runToEnd, type Steps } from '../work-in-slices'

const CHECKSUM = /^\{"sha256":"([0-9a-f]{64})",/
/** The checksum's own field, first in the file: the checksum covers every byte after it. */
export const CHECKSUM_LENGTH = '{"sha256":"",'.length + 64
const OPEN_BODIES = ',"bodies":['
const CLOSE_BODIES = ']}\n'
const NEWLINE = 0x0a
const QUOTE = 0x22

/** Where the bytes of a note's body are (a JSON string in a snapshot file), for notes nobody has read yet. */
interface BodyBytes {
  file: Buffer
  starts: Float64Array
  ends: Float64Array
}
const unread = new WeakMap<object, { bytes: BodyBytes; index: number }>()

type Doc = Record<string, unknown>

/** The store as one buffer in the layout above. Bodies never read since the open are copied as they were. */
export function encodeSnapshot(data: { notes: readonly StoredNote[] } & Doc): Buffer {
  return runToEnd(encoding(data))
}

/**
 * The same bytes, made a slice of at most `sliceMs` at a time, between which main answers saves and the window. At
 * 50,000 notes the whole encoding (the notes' fields as JSON, 111 MB copied and hashed) held main for 460-660 ms
 * in one piece while a fold ran (npm run bench, saves while a fold runs).
 */
export function encodeSnapshotInSlices(data: { notes: readonly StoredNote[] } & Doc, sliceMs: number): Promise<Buffer> {
  return runInSlices(encoding(data), sliceMs)
}

/** Notes handled in one step. */
const NOTES_PER_STEP = 50

/** The encoding, as steps: a pause every NOTES_PER_STEP notes, and every 256 kB copied. */
function* encoding(data: { notes: readonly StoredNote[] } & Doc): Steps<Buffer> {
  // The head as JSON.stringify writes an object (keys in order, those whose value is undefined left out), the
  // notes' fields a group at a time: field by field, since spreading a note would decode its body.
  const fields: string[] = []
  for (const [key, value] of Object.entries(data)) {
    if (key !== 'notes') {
      const json = JSON.stringify(value) as string | undefined
      if (json !== undefined) fields.push(`${JSON.stringify(key)}:${json}`)
      continue
    }
    const notes: string[] = []
    for (const [i, n] of data.notes.entries()) {
      notes.push(JSON.stringify(Object.fromEntries(NOTE_KEYS_WITHOUT_BODY.map((f) => [f, n[f]]))))
      if (i % NOTES_PER_STEP === NOTES_PER_STEP - 1) yield
    }
    fields.push(`"notes":[${notes.join(',')}]`)
  }
  const pieces: Uint8Array[] = [Buffer.from(`${fields.join(',')}${OPEN_BODIES}\n`)]
  const last = data.notes.length - 1
  for (const [i, note] of data.notes.entries()) {
    const at = unread.get(note)
    pieces.push(at ? at.bytes.file.subarray(at.bytes.starts[at.index], at.bytes.ends[at.index]) : Buffer.from(JSON.stringify(note.body)))
    pieces.push(i === last ? NEWLINE_BYTES : COMMA_NEWLINE_BYTES)
    if (i % NOTES_PER_STEP === NOTES_PER_STEP - 1) yield
  }
  pieces.push(Buffer.from(CLOSE_BODIES))
  return yield* sealing(pieces)
}

const NEWLINE_BYTES = Buffer.from('\n')
const COMMA_NEWLINE_BYTES = Buffer.from(',\n')

/** `{"sha256":"…",` + the pieces, the checksum being that of the pieces. */
function* sealing(pieces: readonly Uint8Array[]): Steps<Buffer> {
  const { bytes, sha256 } = yield* joinedAndHashed(pieces, CHECKSUM_LENGTH)
  bytes.write(`{"sha256":"${sha256}",`, 0, 'latin1')
  return bytes
}

export type DecodedSnapshot =
  | { ok: true; doc: Doc; bodies: 'inline' }
  | { ok: true; doc: Doc; bodies: BodyBytes }
  | { ok: false; problem: StoreProblem; tag: 'corrupt' }

/**
 * Reads a snapshot's bytes (already checked to be UTF-8; `sha256AfterChecksum` as decodeFast says). In the fast layout, `doc.notes` lack their bodies and
 * `bodies` holds each one's raw bytes (see `attachBodies`); otherwise the whole document is parsed and the
 * bodies are inline.
 */
export function decodeSnapshot(bytes: Buffer, sha256AfterChecksum?: string): DecodedSnapshot {
  const fast = decodeFast(bytes, sha256AfterChecksum)
  if (fast) return fast
  let doc: unknown
  try {
    doc = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    return { ok: false, problem: { key: 'not-json', values: { detail: (error as Error).message } }, tag: 'corrupt' }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('bodies' in doc))
    return { ok: true, doc: doc as Doc, bodies: 'inline' }
  // The layout above, reformatted by someone: the bodies are in their array, and the checksum is checked against
  // the same document written out again as we write it.
  if (writtenByNewerVersion(doc)) return { ok: true, doc: doc as Doc, bodies: 'inline' } // migrate says so
  const { bodies, sha256: checksum, ...rest } = doc as Doc
  const notes = rest['notes']
  if (!Array.isArray(bodies) || !Array.isArray(notes) || bodies.length !== notes.length || !bodies.every((b) => typeof b === 'string')) {
    return mismatch
  }
  const rewritten = runToEnd(
    sealing([
      Buffer.from(`${JSON.stringify(rest).slice(1, -1)}${OPEN_BODIES}\n`),
      ...bodies.map((b: string, i) => Buffer.from(`${JSON.stringify(b)}${i === bodies.length - 1 ? '' : ','}\n`)),
      Buffer.from(CLOSE_BODIES),
    ]),
  )
  if (CHECKSUM.exec(rewritten.toString('latin1', 0, CHECKSUM_LENGTH))?.[1] !== checksum) return damaged
  return { ok: true, doc: { ...rest, notes: notes.map((n: Doc, i) => ({ ...n, body: bodies[i] as unknown })) }, bodies: 'inline' }
}

const writtenByNewerVersion = (doc: unknown): boolean =>
  typeof doc === 'object' &&
  doc !== null &&
  typeof (doc as Doc)['schemaVersion'] === 'number' &&
  ((doc as Doc)['schemaVersion'] as number) > STORE_VERSION

const damaged: DecodedSnapshot = { ok: false, problem: { key: 'checksum', values: {} }, tag: 'corrupt' }
const mismatch: DecodedSnapshot = { ok: false, problem: { key: 'texts-mismatch', values: {} }, tag: 'corrupt' }

/** `sha256AfterChecksum`: the SHA-256 of the bytes after CHECKSUM_LENGTH, when the reader took it as it read them. */
function decodeFast(bytes: Buffer, sha256AfterChecksum?: string): DecodedSnapshot | null {
  const checksum = CHECKSUM.exec(bytes.toString('latin1', 0, CHECKSUM_LENGTH))?.[1]
  const headEnd = bytes.indexOf(NEWLINE)
  if (!checksum || headEnd < 0 || !bytes.subarray(headEnd - OPEN_BODIES.length, headEnd).equals(Buffer.from(OPEN_BODIES))) return null
  if (!bytes.subarray(bytes.length - CLOSE_BODIES.length).equals(Buffer.from(CLOSE_BODIES))) return null
  let head: Doc
  try {
    head = JSON.parse(`${bytes.toString('utf8', 0, headEnd)}]}`) as Doc
  } catch {
    return null
  }
  // A newer Coop Atlas may seal its files otherwise: that it is newer is what the user must be told (migrate does).
  if (writtenByNewerVersion(head)) return { ok: true, doc: head, bodies: 'inline' }
  if ((sha256AfterChecksum ?? sha256(bytes.subarray(CHECKSUM_LENGTH))) !== checksum) return damaged
  const { sha256: _checksum, bodies: _empty, ...doc } = head
  // The checksum proves these are the lines we wrote: one JSON string per line, a comma after all but the last.
  // Their places are kept as numbers, not as slices: 50,000 Buffer objects cost more than finding the lines.
  const notes = doc['notes']
  const count = Array.isArray(notes) ? notes.length : 0
  const bodies: BodyBytes = { file: bytes, starts: new Float64Array(count), ends: new Float64Array(count) }
  const sectionEnd = bytes.length - CLOSE_BODIES.length
  let line = 0
  for (let start = headEnd + 1; start < sectionEnd; line++) {
    const end = bytes.indexOf(NEWLINE, start)
    // A comma before the line break on every line but the last: the closing quote sits one byte earlier there.
    const stop = line < count - 1 ? end - 1 : end
    if (end < 0 || end >= sectionEnd || line >= count || bytes[start] !== QUOTE || bytes[stop - 1] !== QUOTE || stop - start < 2)
      return mismatch
    bodies.starts[line] = start
    bodies.ends[line] = stop
    start = end + 1
  }
  if (line !== count) return mismatch
  return { ok: true, doc, bodies }
}

/**
 * Gives each validated note its body, decoded the first time it is read. A note stays a plain object (spreading
 * it, or JSON.stringify, reads the body as usual); until then its bytes are what a snapshot write copies. One
 * getter and one setter serve every note: a closure per note made this step four times slower.
 */
export function attachBodies(notes: StoredNote[], bodies: BodyBytes): void {
  notes.forEach((note, index) => {
    unread.set(note, { bytes: bodies, index })
    Object.defineProperty(note, 'body', LAZY_BODY)
  })
}

const LAZY_BODY: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: StoredNote): string {
    const at = unread.get(this)!
    const body = JSON.parse(at.bytes.file.toString('utf8', at.bytes.starts[at.index], at.bytes.ends[at.index])) as string
    settle(this, body)
    return body
  },
  set(this: StoredNote, body: string) {
    settle(this, body)
  },
}

/**
 * A note's body as the JSON string it is in the file (a view of the file's bytes, not a copy) while nothing has
 * read it since the open; null once it has been read, or for a note not from the file. Lets note search hand a
 * body to its worker thread without decoding 100 MB of text on main first.
 */
export function undecodedBody(note: object): Uint8Array | null {
  const at = unread.get(note)
  return at ? at.bytes.file.subarray(at.bytes.starts[at.index], at.bytes.ends[at.index]) : null
}

function settle(note: StoredNote, body: string): void {
  unread.delete(note)
  Object.defineProperty(note, 'body', { value: body, writable: true, configurable: true, enumerable: true })
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Decodes every body now and puts it on its note: for a file that must be migrated or mended before use. */
export function inlineBodies(notes: Record<string, unknown>[], bodies: BodyBytes): void {
  notes.forEach((note, i) => {
    note['body'] = JSON.parse(bodies.file.toString('utf8', bodies.starts[i], bodies.ends[i])) as unknown
  })
}

/**
 * True when every body is within `maxBytes` of UTF-8. A body's JSON in the file is never shorter than its text,
 * so the common case is a subtraction; only a body whose JSON is longer than the limit is decoded and measured.
 */
export function bodiesWithin(bodies: BodyBytes, maxBytes: number): boolean {
  for (let i = 0; i < bodies.starts.length; i++) {
    if (bodies.ends[i]! - bodies.starts[i]! - 2 <= maxBytes) continue
    const body = JSON.parse(bodies.file.toString('utf8', bodies.starts[i], bodies.ends[i])) as string
    if (!utf8Within(body, maxBytes)) return false
  }
  return true
}
