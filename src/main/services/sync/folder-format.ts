/**
 * The sync folder's layout and its one kind of file. A sync tool (Syncthing, Nextcloud, Dropbox, a share) copies
 * the folder between machines; Coop Atlas only reads and writes files in it, so that the tool never has a conflict
 * to resolve and never sees a file half-written:
 *
 *   <folder>/coop-atlas-sync/devices/<device id>.json    one file per device, written only by that device,
 *                                                       replaced whole and atomically (a hidden .tmp beside it)
 *
 * A file is an envelope around the device's notes (and, in the personal folder, its corrections):
 *
 *   { "format": 1, "app": "coop-atlas", "device": { "id", "name" }, "written": ISO date,
 *     "length": <UTF-8 bytes of body>, "sha256": <hex of body>, "body": "<canonical JSON text>" }
 *
 * where body is the text of `{ "notes": [...], "tombstones": [...] }` (canonical.ts), and in the personal folder
 * `{ "notes", "tombstones", "corrections", "correctionTombstones" }`: the user's corrections of the reference travel
 * between their own devices, never to the team folder (they are personal). A body without the corrections fields
 * (as written before corrections travelled) is still read, as holding none. The format number stayed 1 when they
 * were added: no release had shipped synchronisation yet, so no Coop Atlas that drops them ever read such a file.
 *
 * A file still being copied, cut short or changed by hand fails its length, checksum, JSON or the rules every
 * stored note (and correction) obeys: it is read later, never in part. A file of a newer format is refused, and
 * says so.
 */
import { createHash } from 'node:crypto'
import { isUtf8 } from 'node:buffer'
import { join } from 'node:path'
import * as v from 'valibot'
import { isNoteTimestamp } from '../../../shared/note-rules'
import { Device, type Device as DeviceRecord } from '../../store/schema'
import type { Replica } from './merge'
import { joinedAndHashed, runInSlices, runToEnd, type Steps } from '../../work-in-slices'
import { bodyOverFile, SPOILT } from './body-in-place'
import { checkedRecords } from './device-file-records'

export const SYNC_FOLDER = 'coop-atlas-sync'
export const DEVICES_FOLDER = 'devices'
export const SYNC_FORMAT = 1
export const SYNC_APP = 'coop-atlas'
/** Largest device file read, in bytes: far more than the largest store (50,000 long notes are about 110 MB). */
export const MAX_DEVICE_FILE_BYTES = 400 * 1024 * 1024

/** The folder, inside the chosen one, where every device's file is. */
export const devicesFolder = (folder: string): string => join(folder, SYNC_FOLDER, DEVICES_FOLDER)
export const deviceFileName = (deviceId: string): string => `${deviceId}.json`

/** Whether a name in the devices folder may be a device's file (temporary and hidden files never are). */
export const isDeviceFileName = (name: string): boolean => name.endsWith('.json') && !name.startsWith('.')

const Envelope = v.strictObject({
  format: v.literal(SYNC_FORMAT),
  app: v.literal(SYNC_APP),
  device: Device,
  written: v.pipe(
    v.string(),
    v.check((value) => isNoteTimestamp(value), 'a date and time'),
  ),
  length: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  body: v.string(),
})

/** A device's file, read whole and checked. */
export interface DeviceFile {
  device: DeviceRecord
  written: string
  replica: Replica
  /** The SHA-256 of the body: the same notes give the same body, whenever they are written. */
  bodySha256: string
  /**
   * The SHA-256 of the file's bytes, what tells one writing of the file from another; only when asked for (this
   * device's own file), else null: for another device's file it is not needed, and it cost 50 ms per 23 MB.
   */
  digest: string | null
}

export type DeviceFileReading =
  | { kind: 'ok'; file: DeviceFile }
  /** Not (yet) a whole, valid file: still being copied, cut short, damaged or changed by hand. Read again later. */
  | { kind: 'later'; why: string }
  /** Written by a newer Coop Atlas: refused. */
  | { kind: 'newer'; format: number }

/** UTF-16 code units of a text hashed at a time by sha256. */
export const TEXT_HASH_STEP = 1 << 20

/**
 * The SHA-256 of bytes, or of a text's UTF-8 bytes. A text is hashed a megabyte at a time: hashed whole, it is first
 * encoded whole into memory of its own (23 MB for a file of 10,000 notes): 95–156 ms, against 26–32 ms in pieces,
 * most of the difference the first touch of that memory (page faults, costly on the machine the bench runs on). A
 * piece never ends between the two halves of a surrogate pair, so the bytes hashed are the text's own.
 */
export function sha256(data: string | Buffer, step = TEXT_HASH_STEP): string {
  const hash = createHash('sha256')
  if (typeof data !== 'string') return hash.update(data).digest('hex')
  for (let at = 0; at < data.length;) {
    let end = Math.min(at + step, data.length)
    // A high half ending the piece takes its low half along; a lone one (followed by anything else) does not.
    const last = data.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff && end < data.length && (data.charCodeAt(end) & 0xfc00) === 0xdc00) end++
    hash.update(data.slice(at, end), 'utf8')
    at = end
  }
  return hash.digest('hex')
}

/** This device's file, holding `body` (canonicalReplica's text). Returns its bytes and their digest. */
export function encodeDeviceFile(device: DeviceRecord, body: string, written: Date): EncodedDeviceFile {
  return runToEnd(deviceFileEncoding(device, [body], written, () => false))!
}

export interface EncodedDeviceFile {
  bytes: Buffer
  digest: string
  bodySha256: string
}

/**
 * The same file from the body's pieces (canonicalReplicaPieces), a slice of at most `sliceMs` at a time: at 50,000
 * notes, making, escaping, hashing and encoding the 110 MB body at once held main for seconds at every exchange. Null
 * when `unchanged` says a file with this body's checksum is already there (nothing more is done then).
 */
export function encodeDeviceFileInSlices(
  device: DeviceRecord,
  body: Iterable<string>,
  written: Date,
  sliceMs: number,
  unchanged: (bodySha256: string) => boolean,
): Promise<EncodedDeviceFile | null> {
  return runInSlices(deviceFileEncoding(device, body, written, unchanged), sliceMs)
}

/**
 * The envelope as JSON.stringify writes it, the body within it escaped piece by piece: JSON escapes each character
 * on its own, and no piece ends inside a surrogate pair, so the escaped pieces joined are the escaped body.
 */
function* deviceFileEncoding(
  device: DeviceRecord,
  body: Iterable<string>,
  written: Date,
  unchanged: (bodySha256: string) => boolean,
): Steps<EncodedDeviceFile | null> {
  const bodyHash = createHash('sha256')
  let length = 0
  const escaped: Uint8Array[] = []
  for (const piece of body) {
    bodyHash.update(piece)
    length += Buffer.byteLength(piece, 'utf8')
    escaped.push(Buffer.from(JSON.stringify(piece).slice(1, -1), 'utf8'))
    yield
  }
  const bodySha256 = bodyHash.digest('hex')
  if (unchanged(bodySha256)) return null
  const envelope = {
    format: SYNC_FORMAT,
    app: SYNC_APP,
    device: { id: device.id, name: device.name },
    written: written.toISOString(),
    length,
    sha256: bodySha256,
    body: '',
  }
  // Everything up to the body's opening quote, then the body, then its closing quote and the object's end.
  const head = JSON.stringify(envelope).slice(0, -2)
  const { bytes, sha256: digest } = yield* joinedAndHashed([Buffer.from(head, 'utf8'), ...escaped, Buffer.from('"}\n', 'utf8')])
  return { bytes, digest, bodySha256 }
}

const later = (why: string): NotRead => ({ kind: 'later', why })

/** A reading that is not a file's notes: 'later', with why, or 'newer'. */
export type NotRead = Exclude<DeviceFileReading, { kind: 'ok' }>

/** How a device's file is read: `digest`, whether the SHA-256 of its bytes is wanted (DeviceFile.digest). */
export interface ReadOptions {
  digest: boolean
}

/** The whole reading, digest included: what a reader gives unless asked for less. */
export const WHOLE_READING: ReadOptions = { digest: true }

/** Reads a device's file from its bytes: whole and valid, or 'later' with why, or 'newer'. */
export function decodeDeviceFile(bytes: Buffer, options = WHOLE_READING): DeviceFileReading {
  return readDeviceFile(bytes, options).reading
}

/** A file read whole: its reading, and for a valid one its body's text (and bytes: readDeviceFile's `again`). */
export interface WholeReading {
  reading: DeviceFileReading
  body?: string
  bodyBytes?: Buffer
}

/** The file's bytes read again (the first were spoilt), or why they cannot be. */
export type ReadAgain = () => Buffer | NotRead

/**
 * A device file's reading, and for a valid one its body, the JSON text its records were read from. `again`, given
 * when the bytes are the reader's to write over (the worker's own): a file laid out as the app writes it is then read
 * with its body's escapes undone over its own bytes (body-in-place.ts), whose first `bodyBytes` are then the body's
 * UTF-8; should it turn out not to be, part way, the bytes are spoilt, and `again` gives them anew.
 */
export function readDeviceFile(bytes: Buffer, options = WHOLE_READING, again?: ReadAgain): WholeReading {
  const framed = checkedFrame(bytes, options, again)
  return 'kind' in framed ? { reading: framed } : withRecords(framed)
}

/** A file whose frame holds (its envelope, and its body's length and checksum): its fields, and its body. */
export interface Framed {
  file: Omit<DeviceFile, 'replica'>
  /** The body's text; or, read over the file's own bytes (body-in-place.ts), its UTF-8 bytes. */
  body: string | Buffer
}

/**
 * Why a file is not (yet) read, or its fields and body once its frame is found to hold. `again`: as for
 * readDeviceFile.
 */
export function checkedFrame(bytes: Buffer, options: ReadOptions, again?: ReadAgain): NotRead | Framed {
  if (bytes.length > MAX_DEVICE_FILE_BYTES) return later(`it is larger than ${MAX_DEVICE_FILE_BYTES / 1024 / 1024} MB`)
  if (!isUtf8(bytes)) return later('it is not UTF-8 text (still being copied, or damaged)')
  // The file's own digest, taken before anything is written over its bytes.
  const fileDigest = options.digest ? sha256(bytes) : null
  const over = again ? bodyOverFile(bytes) : null
  if (over === SPOILT) {
    // Written over part way, then found not laid out as the app writes it: read again, and whole.
    const fresh = again!()
    return Buffer.isBuffer(fresh) ? checkedFrame(fresh, options) : fresh
  }
  let raw: unknown
  if (over) raw = { ...over.fields, body: '' }
  else {
    try {
      raw = JSON.parse(bytes.toString('utf8'))
    } catch {
      return later('it is not whole (still being copied, or damaged)')
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return later('it is not a Coop Atlas sync file')
  const { format, app } = raw as { format?: unknown; app?: unknown }
  if (app !== SYNC_APP) return later('it is not a Coop Atlas sync file')
  if (typeof format === 'number' && Number.isInteger(format) && format > SYNC_FORMAT) return { kind: 'newer', format }
  const envelope = v.safeParse(Envelope, raw)
  if (!envelope.success)
    return later(`its frame is not valid (${v.getDotPath(envelope.issues[0]) ?? 'file'}: ${envelope.issues[0].message})`)
  const { device, written, length, sha256: checksum } = envelope.output
  const body = over ? over.body : envelope.output.body
  const bodyLength = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length
  if (bodyLength !== length) return later('its length does not match (still being copied, or damaged)')
  if (sha256(body) !== checksum) return later('its checksum does not match (damaged, or changed by hand)')
  return { file: { device, written, bodySha256: checksum, digest: fileDigest }, body }
}

/** A framed file's records, checked whole: its reading, and for a valid one its body's text (and bytes). */
export function withRecords({ file, body }: Framed): WholeReading {
  const text = typeof body === 'string' ? body : body.toString('utf8')
  const records = checkedRecords(text)
  if ('why' in records) return { reading: later(records.why) }
  return {
    reading: { kind: 'ok', file: { ...file, replica: records.replica } },
    body: text,
    ...(typeof body !== 'string' && { bodyBytes: body }),
  }
}
