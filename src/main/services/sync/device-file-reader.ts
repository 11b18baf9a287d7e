/**
 * Other devices' files are read from disk and checked in a worker thread. Reading one is long: for a file of
 * 10,000 notes (23 MB) its UTF-8 check, the body's escapes undone, a SHA-256 and every record against its schema
 * held main about 220 ms (npm run bench), during which no save or search was answered.
 *
 * The worker reads the file into memory main can read too (a SharedArrayBuffer), undoes the body's escapes there
 * (body-in-place.ts) and finds where each record is; then it tells main, which parses the records while the worker
 * checks them (device-file-records.ts), and takes them only once the worker says every one holds. One after the
 * other, the worker's check and main's parsing took 110-230 ms each of a merge at 50,000 notes (#18: ≤ 1 s).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import { BACKGROUND_SLICE_MS, runInSlices } from '../../work-in-slices'
import { placesOfRecords, recordsPlainlyValid, type RecordPlaces } from './device-file-records'
import { fromWire, movedWith, toWire, wireBytes, type WireReading, type WireText } from './device-file-wire'
import {
  checkedFrame,
  decodeDeviceFile,
  MAX_DEVICE_FILE_BYTES,
  withRecords,
  type DeviceFile,
  type DeviceFileReading,
  type NotRead,
  type ReadOptions,
  WHOLE_READING,
} from './folder-format'

export interface DeviceFileReader {
  /** The reading of the device's file at `path`: 'later' (with why) when it cannot be read now. */
  read(path: string, options?: ReadOptions): Promise<DeviceFileReading>
  /** Readies what reading takes (a worker to start), while an exchange lists its folder, before its first read. */
  prepare(): void
  close(): void
}

const unreadable = (error: unknown): NotRead => ({
  kind: 'later',
  why: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
})

/** Reads and checks the file in this thread (tests, where no worker file was given, and should the worker fail). */
export async function readHere(path: string, options = WHOLE_READING): Promise<DeviceFileReading> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    return unreadable(error)
  }
  return decodeDeviceFile(bytes, options)
}

/** Reads in this thread, at once. */
export const inThreadReader = (): DeviceFileReader => ({ read: readHere, prepare: () => undefined, close: () => undefined })

/**
 * The file's bytes, in memory shared with main, or why they cannot be had. Read at once: this is the worker's own
 * thread. At most one byte more than the largest file read (`largest`), so that the frame's check says it is too large.
 */
export function sharedBytesOf(path: string, largest = MAX_DEVICE_FILE_BYTES): Buffer | NotRead {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    return unreadable(error)
  }
  try {
    const bytes = Buffer.from(new SharedArrayBuffer(Math.min(fstatSync(fd).size, largest + 1)))
    let filled = 0
    for (let got = -1; got !== 0 && filled < bytes.length; filled += got) got = readSync(fd, bytes, filled, bytes.length - filled, filled)
    return bytes.subarray(0, filled)
  } catch (error) {
    return unreadable(error)
  } finally {
    closeSync(fd)
  }
}

/** A port the reads go through: a worker, or one end of a MessageChannel (tests). */
export interface ReaderPort {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void
  on(event: 'message', listener: (message: unknown) => void): unknown
}

type Request = { seq: number; path: string; options: ReadOptions }
/** The worker's first message: it started, and reads from now on go to it (until then they wait). */
const READY = 'ready'
/**
 * What the worker says of a read: where its records are, in memory shared with main (`placed`, before they are
 * checked: main may parse them, not take them); that every record placed holds (`taken`); or the reading otherwise.
 */
type Answer =
  | { seq: number; placed: { file: Omit<DeviceFile, 'replica'>; text: WireText; length: number; parts: RecordPlaces } }
  | { seq: number; taken: true }
  | { seq: number; reading: WireReading }

/** Answers reads on `port` (in the worker thread), once it has said it is ready. */
export function serveDeviceFileReads(port: ReaderPort): void {
  port.postMessage(READY)
  port.on('message', (message) => {
    const { seq, path, options } = message as Request
    const answer = (reading: WireReading) => port.postMessage({ seq, reading } satisfies Answer, movedWith(reading))
    const file = sharedBytesOf(path)
    if (!Buffer.isBuffer(file)) return answer(file)
    // The file's bytes are the worker's own: the body's are written over them as it is read (read again if spoilt).
    const framed = checkedFrame(file, options, () => sharedBytesOf(path))
    if ('kind' in framed) return answer(framed)
    const body = framed.body
    const parts = Buffer.isBuffer(body) ? placesOfRecords(body) : null
    if (Buffer.isBuffer(body) && parts) {
      port.postMessage({ seq, placed: { file: framed.file, ...wireBytes(body, file), parts } } satisfies Answer)
      if (recordsPlainlyValid(body, parts)) return port.postMessage({ seq, taken: true } satisfies Answer)
    }
    // Read whole: what is wrong is said, or a file laid out otherwise read as it is.
    answer(toWire(withRecords(framed), file))
  })
}

interface Waiting {
  path: string
  options: ReadOptions
  resolve: (reading: DeviceFileReading) => void
  /** The records placed, being parsed here while the worker checks them. */
  parsing?: { reading: Promise<DeviceFileReading>; stop: () => void }
}

/** Parses a wire reading's records here, a slice at a time (stopped, the answer is 'later', and not used). */
function parsed(wire: WireReading): { reading: Promise<DeviceFileReading>; stop: () => void } {
  let stopped = false
  // Never left waiting: should the records not parse (placed or checked, it cannot be expected), read again later.
  const reading = runInSlices(
    fromWire(wire, () => stopped),
    BACKGROUND_SLICE_MS,
  ).catch((): DeviceFileReading => readAgain)
  return { reading, stop: () => (stopped = true) }
}

/**
 * Reads through `port`; if it fails (no worker file, a worker that throws or ends), every read waiting and every
 * later one is made in this thread instead: the same answer, only slower.
 */
export class PortReader implements DeviceFileReader {
  #port: ReaderPort | null
  readonly #close: () => void
  readonly #waiting = new Map<number, Waiting>()
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
      const answer = message as Answer
      const waiting = this.#waiting.get(answer.seq)
      if (!waiting) return
      if ('placed' in answer) {
        waiting.parsing = parsed({ kind: 'ok', ...answer.placed })
        return
      }
      this.#waiting.delete(answer.seq)
      if ('taken' in answer && waiting.parsing) return void waiting.parsing.reading.then(waiting.resolve)
      waiting.parsing?.stop()
      void parsed('reading' in answer ? answer.reading : readAgain).reading.then(waiting.resolve)
    })
  }

  read(path: string, options = WHOLE_READING): Promise<DeviceFileReading> {
    if (this.#port === null) return readHere(path, options)
    const seq = ++this.#seq
    return new Promise((resolve) => {
      const waiting = { path, options, resolve }
      this.#waiting.set(seq, waiting)
      if (this.#unsent) this.#unsent.push(seq)
      else this.#send(seq, waiting)
    })
  }

  #send(seq: number, { path, options }: Waiting): void {
    this.#port!.postMessage({ seq, path, options } satisfies Request)
  }

  /** The port gave up: what waits is read here, from the file (whatever the worker had begun is dropped). */
  fail(): void {
    if (this.#port === null) return
    this.#port = null
    this.#close()
    for (const { path, options, resolve, parsing } of this.#waiting.values()) {
      parsing?.stop()
      void readHere(path, options).then(resolve)
    }
    this.#waiting.clear()
  }

  prepare(): void {}

  close(): void {
    this.fail()
  }
}

const readAgain: NotRead = { kind: 'later', why: 'it was being read when the reading stopped' }

/**
 * Reads in a worker thread started from the built worker file (out/main/device-file-worker.js) when first needed (a
 * read, or an exchange about to list its folder: started then, under a stream of saves it took 95-145 ms that the
 * first read would otherwise wait for, npm run bench), and kept for the next ones until closed. It does not keep
 * the app running.
 */
export function workerReader(path: string): DeviceFileReader {
  let reader: PortReader | null = null
  let closed = false
  const started = (): PortReader => {
    if (reader) return reader
    const worker = new Worker(path)
    worker.unref()
    const port = new PortReader(worker as unknown as ReaderPort, () => void worker.terminate())
    // A file that is not there, or a worker that throws or ends: main reads instead.
    worker.on('error', () => port.fail())
    worker.on('exit', () => port.fail())
    return (reader = port)
  }
  return {
    read: (file, options = WHOLE_READING) => (closed ? readHere(file, options) : started().read(file, options)),
    prepare: () => void (closed || started()),
    close() {
      closed = true
      reader?.close()
    },
  }
}
