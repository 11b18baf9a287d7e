/**
 * Other devices' files are read and checked in a worker thread. decodeDeviceFile is a pure function of the bytes,
 * but a long one: for a file of 10,000 notes (23 MB) its UTF-8 check, two JSON.parse, every record against its
 * schema and two SHA-256 held main about 220 ms (npm run bench), during which no save or search was answered.
 *
 * The worker sends the checked records back as their JSON text in one buffer (moved, not copied), which main parses
 * a slice of time at a time. Sent as objects, the same 10,000 notes took main 150 ms to receive in one block (a
 * structured clone is read whole before anyone sees it); one JSON.parse of them, 40 ms.
 */
import { Worker } from 'node:worker_threads'
import { BACKGROUND_SLICE_MS, runInSlices, type Steps } from '../../work-in-slices'
import { PARTS, type Part } from './device-file-records'
import {
  decodeDeviceFile,
  readDeviceFileOneByOne,
  type DeviceFile,
  type DeviceFileReading,
  type OneByOneReading,
  type ReadOptions,
  WHOLE_READING,
  type WholeReading,
} from './folder-format'
import type { Replica } from './merge'
import { recordRanges } from './record-ranges'

export interface DeviceFileReader {
  /** The file's reading, as decodeDeviceFile gives it. The bytes are handed over: not to be used after. */
  read(bytes: Buffer, options?: ReadOptions): Promise<DeviceFileReading>
  close(): void
}

/** Reads in this thread, at once (tests, and where no worker file was given). */
export const inThreadReader = (): DeviceFileReader => ({
  read: async (bytes, options) => decodeDeviceFile(bytes, options),
  close: () => undefined,
})

/**
 * A reading as it crosses between threads. An ok file's records travel as UTF-8 JSON text in one buffer, moved not
 * copied, with where each record starts and ends in it (pairs of byte offsets), part by part.
 */
export type WireReading =
  | Exclude<DeviceFileReading, { kind: 'ok' }>
  | { kind: 'ok'; file: Omit<DeviceFile, 'replica'>; text: ArrayBuffer; length: number; parts: [Part, Uint32Array][] }

/**
 * The reading for the wire (in the worker). The records are sent as the very text they were checked from: the
 * body's bytes, and where each record is in them (recordRanges), which costs a scan instead of writing every record
 * out again (JSON.stringify of each took about as long as the check). Should the scan not find the records the
 * check counted, they are written out. `room`: bytes nobody needs any more (the file's own, once read), which the
 * body's bytes may be written over, or already are (`bodyBytes`, as the reading left them).
 */
export function toWire(read: WholeReading | OneByOneReading, room?: Buffer): WireReading {
  // Checked one by one: the body's bytes and the records' places in them, as they are.
  if ('parts' in read) return { kind: 'ok', file: read.file, ...movable(read.bodyBytes, room), parts: read.parts }
  const { reading, body, bodyBytes } = read
  if (reading.kind !== 'ok') return reading
  const { replica, ...file } = reading.file
  const counted = PARTS.filter((part) => replica[part] !== undefined)
  // The body's bytes as the reading left them (written over the file's), else written out here. A body with a lone
  // surrogate (no Coop Atlas writes one: JSON.stringify escapes it) would lose it to U+FFFD as UTF-8 bytes: its
  // records are written out instead, as JSON that keeps it.
  const bytes = bodyBytes ? movable(bodyBytes, room) : body !== undefined && isWellFormed(body) ? encodedBody(body, room) : null
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
 * The body as UTF-8 bytes, in a buffer that can be moved: written over `room` when they fit (they always do over
 * the file they were read from, where they stand escaped), else in bytes of their own. Bytes of their own are new
 * memory: 23 MB for a file of 10,000 notes, about 100 ms to touch the first time on the machine the bench runs on,
 * where writing over memory already touched took about 20.
 */
function encodedBody(body: string, room?: Buffer): { text: ArrayBuffer; length: number } {
  const whole = room && wholeBuffer(room)
  if (room && whole) {
    const length = Buffer.byteLength(body, 'utf8')
    if (length <= room.length && room.write(body, 0, 'utf8') === length) return { text: whole, length }
  }
  const bytes = Buffer.from(body, 'utf8')
  return { text: ownBuffer(bytes), length: bytes.length }
}

/**
 * Bytes that can be moved: when they start `room`'s ArrayBuffer (which `room` fills: the file's own), that buffer
 * and their length (the rest of it goes along, unread); else a copy of their own.
 */
function movable(bytes: Buffer, room?: Buffer): { text: ArrayBuffer; length: number } {
  const whole = room && wholeBuffer(room)
  if (whole && bytes.buffer === whole && bytes.byteOffset === 0) return { text: whole, length: bytes.length }
  return { text: ownBuffer(bytes), length: bytes.length }
}

/** No lone surrogate in it (String.prototype.isWellFormed, in Node 20 though not in this project's ES2023 types). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed()

/** The ArrayBuffer the bytes fill whole (as readFile gives them), which can be moved; null for a slice of a larger one. */
const wholeBuffer = (bytes: Uint8Array): ArrayBuffer | null =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : null

/** The bytes in an ArrayBuffer of their own (not a slice of Node's pool), so that it can be moved. */
function ownBuffer(bytes: Buffer): ArrayBuffer {
  const whole = wholeBuffer(bytes)
  if (whole) return whole
  const own = new ArrayBuffer(bytes.length)
  new Uint8Array(own).set(bytes)
  return own
}

/** Records parsed in one step. */
const RECORDS_PER_STEP = 32

/** The reading back from the wire (on main): the records parsed a few at a time. */
export function* fromWire(wire: WireReading): Steps<DeviceFileReading> {
  if (wire.kind !== 'ok') return wire
  const text = Buffer.from(wire.text)
  const replica: Partial<Record<Part, unknown[]>> = {}
  let done = 0
  for (const [part, ranges] of wire.parts) {
    const records: unknown[] = (replica[part] = [])
    for (let n = 0; n < ranges.length; n += 2) {
      records.push(JSON.parse(text.toString('utf8', ranges[n], ranges[n + 1])))
      if (++done % RECORDS_PER_STEP === 0) yield
    }
  }
  return { kind: 'ok', file: { ...wire.file, replica: replica as Replica } }
}

/** A port the reads go through: a worker, or one end of a MessageChannel (tests). */
export interface ReaderPort {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void
  on(event: 'message', listener: (message: unknown) => void): unknown
}

type Request = { seq: number; bytes: ArrayBuffer | Uint8Array; options: ReadOptions }
/** The worker's first message: it started, and reads from now on go to it (until then they wait, bytes in hand). */
const READY = 'ready'
type Answer = { seq: number; reading: WireReading }

/** Answers reads on `port` (in the worker thread), once it has said it is ready. */
export function serveDeviceFileReads(port: ReaderPort): void {
  port.postMessage(READY)
  port.on('message', (message) => {
    const { seq, bytes, options } = message as Request
    const file = Buffer.from(bytes as ArrayBuffer)
    // The file's bytes are the worker's own: the body's are written over them as it is read.
    const wire = toWire(readDeviceFileOneByOne(file, options), file)
    const moved = wire.kind === 'ok' ? [wire.text, ...wire.parts.map(([, ranges]) => ranges.buffer as ArrayBuffer)] : []
    port.postMessage({ seq, reading: wire } satisfies Answer, moved)
  })
}

/**
 * Reads through `port`; if it fails (no worker file, a worker that throws or ends), every read waiting and every
 * later one is made in this thread instead: the same answer, only slower.
 */
export class PortReader implements DeviceFileReader {
  #port: ReaderPort | null
  readonly #close: () => void
  readonly #waiting = new Map<number, { bytes: Buffer; options: ReadOptions; resolve: (reading: DeviceFileReading) => void }>()
  /** Reads asked before the worker said it was ready: sent then, or read here if it never is. */
  #unsent: number[] | null = []
  #seq = 0

  constructor(port: ReaderPort, close: () => void) {
    this.#port = port
    this.#close = close
    port.on('message', (message) => {
      if (message === READY) {
        const unsent = this.#unsent ?? []
        this.#unsent = null
        for (const seq of unsent) this.#send(seq, this.#waiting.get(seq)!)
        return
      }
      const { seq, reading } = message as Answer
      const waiting = this.#waiting.get(seq)
      this.#waiting.delete(seq)
      // Never left waiting: should the records not parse (they were checked; it cannot be expected), read again later.
      if (waiting) void runInSlices(fromWire(reading), BACKGROUND_SLICE_MS).then(waiting.resolve, () => waiting.resolve(readAgain))
    })
  }

  read(bytes: Buffer, options = WHOLE_READING): Promise<DeviceFileReading> {
    if (this.#port === null) return Promise.resolve(decodeDeviceFile(bytes, options))
    const seq = ++this.#seq
    return new Promise((resolve) => {
      const waiting = { bytes, options, resolve }
      this.#waiting.set(seq, waiting)
      if (this.#unsent) this.#unsent.push(seq)
      else this.#send(seq, waiting)
    })
  }

  #send(seq: number, { bytes, options }: { bytes: Buffer; options: ReadOptions }): void {
    // Moved when the buffer is the file's own, copied when it is a slice of a larger one (which stays the caller's).
    const whole = wholeBuffer(bytes)
    if (whole) this.#port!.postMessage({ seq, bytes: whole, options } satisfies Request, [whole])
    else this.#port!.postMessage({ seq, bytes: new Uint8Array(bytes), options } satisfies Request)
  }

  /** The port gave up: what waits is read here. A moved buffer went with the message, so its file is read again. */
  fail(): void {
    if (this.#port === null) return
    this.#port = null
    this.#close()
    for (const { bytes, options, resolve } of this.#waiting.values())
      resolve(bytes.byteLength > 0 ? decodeDeviceFile(bytes, options) : readAgain)
    this.#waiting.clear()
  }

  close(): void {
    this.fail()
  }
}

const readAgain: DeviceFileReading = { kind: 'later', why: 'it was being read when the reading stopped' }

/**
 * Reads in a worker thread started from the built worker file (out/main/device-file-worker.js) at the first read,
 * and kept for the next ones until closed. It does not keep the app running.
 */
export function workerReader(path: string): DeviceFileReader {
  let reader: PortReader | null = null
  let closed = false
  return {
    read(bytes, options = WHOLE_READING) {
      if (closed) return Promise.resolve(decodeDeviceFile(bytes, options))
      if (reader === null) {
        const worker = new Worker(path)
        worker.unref()
        const started = new PortReader(worker as unknown as ReaderPort, () => void worker.terminate())
        // A file that is not there, or a worker that throws or ends: main reads instead.
        worker.on('error', () => started.fail())
        worker.on('exit', () => started.fail())
        reader = started
      }
      return reader.read(bytes, options)
    },
    close() {
      closed = true
      reader?.close()
    },
  }
}
