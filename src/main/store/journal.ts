/**
 * The notes journal: every change since the last snapshot, one JSON line each, appended and fdatasync'ed
 * before the change is acknowledged. A save costs one small append and one sync, whatever the number of notes
 * (a whole-file rewrite of 50,000 notes would cost megabytes per keystroke).
 *
 * A crash can only tear the last line, which was never acknowledged: it is dropped on open. A bad line in the
 * middle means the file was damaged by something else: that line alone is handed back to be set aside, and every
 * other line is used (each line is a whole change, independent of its neighbours).
 */
import { constants } from 'node:fs'
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { fsyncFolder, writeDurably } from './durable-file'
import { dirname } from 'node:path'

/**
 * The bytes of a long line written at a time: a merge of 10,000 notes is about 180 writes. Each chunk's pieces are
 * made (JSON.stringify of about 50 notes) while the chunk before is written: about 1 ms of main, as every
 * background slice.
 */
const CHUNK_BYTES = 128 * 1024

/**
 * Flags for a second handle on the journal whose every write returns only once durable (O_DSYNC: on Linux the same as a
 * write then an fdatasync, in one call): a save's line is then one trip to libuv's threads instead of two. Measured
 * here (ext4, 2.3 kB lines, interleaved, 3 × 2,000): p95 0.32-0.36 ms against 0.37-0.44 for a write then a datasync,
 * the synchronous floor 0.27-0.33. Linux only: on macOS libuv's datasync is a full flush of the drive's cache
 * (F_FULLFSYNC), which O_DSYNC is not; Windows has no such flag in Node. There, a line is written then datasync'ed.
 * Long lines (a merge) are written in many chunks through the ordinary handle and synced once: through this one, each
 * chunk would be synced.
 */
const SYNCED_FLAGS =
  process.platform === 'linux' && constants.O_DSYNC !== undefined
    ? constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC
    : null

export interface JournalReadout<E> {
  entries: E[]
  /** Lines that could not be used, as they were: the caller sets them aside and tells the user. */
  badLines: { line: number; text: string }[]
}

export class Journal<E> {
  #handle: FileHandle | null = null
  /** The same file opened with SYNCED_FLAGS (null where there are none): one line, one durable write. */
  #synced: FileHandle | null = null
  #size = 0
  #count = 0

  constructor(
    readonly path: string,
    private readonly parse: (raw: unknown) => E | null,
  ) {}

  get entryCount(): number {
    return this.#count
  }

  get byteSize(): number {
    return this.#size
  }

  /** Reads the journal (dropping a torn tail), then opens it for appending. */
  async open(): Promise<JournalReadout<E>> {
    let text = ''
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const entries: E[] = []
    const badLines: JournalReadout<E>['badLines'] = []
    let goodBytes = 0
    let offset = 0
    for (let line = 1; offset < text.length; line++) {
      const end = text.indexOf('\n', offset)
      if (end === -1) break // a torn last line: never acknowledged
      const lineText = text.slice(offset, end)
      let entry: E | null
      try {
        entry = this.parse(JSON.parse(lineText))
      } catch {
        entry = null
      }
      if (entry === null) badLines.push({ line, text: lineText })
      else entries.push(entry)
      goodBytes += Buffer.byteLength(lineText) + 1
      offset = end + 1
    }
    await this.#openHandles()
    if (goodBytes !== Buffer.byteLength(text)) {
      await this.#handle!.truncate(goodBytes)
      await this.#handle!.datasync()
    }
    await fsyncFolder(dirname(this.path))
    this.#size = goodBytes
    this.#count = entries.length + badLines.length
    return { entries, badLines }
  }

  /** Set when a failed append may have left part of its line: cut back to #size before anything else is appended. */
  #cutBack = false

  /**
   * Appends one entry and returns once it is on disk. Callers serialise appends (UserStore's queue). A failed
   * append (a full disk can take part of the line) is cut back to the last whole line, so that the next append does
   * not glue onto a fragment and make a damaged line mid-journal; if even that fails, the next append retries it.
   */
  append(entry: E): Promise<void> {
    return this.appendLine(`${JSON.stringify(entry)}\n`)
  }

  /**
   * append, of an entry the caller has written out: its JSON on one line, ending with a newline; as one text, or as
   * pieces of text written one after another (journal-line.ts), each piece made only when the one before is taken.
   * Never two at once (callers serialise them, as for append): the pieces go through one buffer the journal keeps.
   */
  async appendLine(line: string | Iterable<string>): Promise<void> {
    if (!this.#handle) throw new Error('The journal is not open.')
    let length: number
    try {
      if (this.#cutBack) await this.#handle.truncate(this.#size)
      this.#cutBack = false
      if (typeof line === 'string' && this.#synced) {
        const bytes = Buffer.from(line, 'utf8')
        await this.#appendAll(bytes, this.#synced)
        length = bytes.length
      } else {
        if (typeof line === 'string') {
          await this.#handle.appendFile(line)
          length = Buffer.byteLength(line)
        } else length = await this.#appendPieces(line)
        await this.#handle.datasync()
      }
    } catch (error) {
      this.#cutBack = true
      await this.#handle.truncate(this.#size).then(
        () => (this.#cutBack = false),
        () => undefined,
      )
      throw error
    }
    this.#size += length
    this.#count++
  }

  /** The two buffers pieces are encoded into, kept for the journal's life (memory touched once, not at every line). */
  #chunks: [Buffer, Buffer] | null = null

  /**
   * Appends the pieces' UTF-8 bytes a chunk at a time, through two buffers: one is written while the next pieces are
   * encoded into the other (a merge of 10,000 notes waited 38-100 ms of its 133-250 on writes one after the other,
   * npm run bench). Writes stay in order: a chunk is written once the one before it is. Returns how many bytes were
   * appended. A piece larger than a buffer is written on its own.
   */
  async #appendPieces(pieces: Iterable<string>): Promise<number> {
    const chunks = (this.#chunks ??= [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)])
    let chunk = chunks[0]
    let filled = 0
    let appended = 0
    let failure: { error: unknown } | null = null
    let writing: Promise<void> = Promise.resolve()
    // Waits for the write before (and for main's other work: one chunk's pieces at a time, as every background
    // slice), then starts this one. A failed write is kept, never left unhandled, and said at the next wait.
    const write = async (bytes: Buffer) => {
      await Promise.all([writing, new Promise((resolve) => setImmediate(resolve))])
      if (failure) throw failure.error
      writing = this.#appendAll(bytes).then(
        () => void (appended += bytes.length),
        (error: unknown) => void (failure = { error }),
      )
    }
    try {
      for (const piece of pieces) {
        // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair, 2 units, is 4): this much room always holds the piece.
        const room = piece.length * 3
        if (filled + room > chunk.length && filled > 0) {
          await write(chunk.subarray(0, filled))
          chunk = chunk === chunks[0] ? chunks[1] : chunks[0]
          filled = 0
        }
        if (room > chunk.length) await write(Buffer.from(piece, 'utf8'))
        else filled += chunk.write(piece, filled, 'utf8')
      }
      if (filled > 0) await write(chunk.subarray(0, filled))
    } finally {
      // Never left writing: whatever stopped the line (a piece that could not be made), the caller cuts back what was
      // written, and a write landing after that would leave a fragment for the next line to glue onto.
      await writing
    }
    if (failure) throw (failure as { error: unknown }).error
    return appended
  }

  /**
   * Appends all of `bytes` (the file is open for appending). A write that stops part way (a full disk) says how far it
   * got, not why: the rest is appended again, which then fails with the reason (ENOSPC), or succeeds.
   */
  async #appendAll(bytes: Buffer, handle: FileHandle = this.#handle!): Promise<void> {
    const { bytesWritten } = await handle.write(bytes)
    if (bytesWritten < bytes.length) await handle.appendFile(bytes.subarray(bytesWritten))
  }

  /** Opens the file for reading and appending, and its synced handle where the system has one. */
  async #openHandles(): Promise<void> {
    this.#handle = await open(this.path, 'a+')
    if (SYNCED_FLAGS !== null) {
      try {
        this.#synced = await open(this.path, SYNCED_FLAGS)
      } catch {
        // A file system that refuses the flag: each line is written then datasync'ed, as without it.
        this.#synced = null
      }
    }
  }

  /** Closes both handles, the second even when the first will not close; says the first failure after. */
  async #closeHandles(): Promise<void> {
    const handles = [this.#synced, this.#handle]
    this.#synced = null
    this.#handle = null
    const closed = await Promise.allSettled(handles.map((handle) => handle?.close()))
    const failed = closed.find((outcome) => outcome.status === 'rejected')
    if (failed) throw failed.reason
  }

  /** Empties the journal once a snapshot holds everything in it. */
  async reset(): Promise<void> {
    if (!this.#handle) throw new Error('The journal is not open.')
    await this.#handle.truncate(0)
    await this.#handle.datasync()
    this.#size = 0
    this.#count = 0
  }

  /**
   * Drops the first `count` entries, the first `bytes` bytes — a snapshot now holds them — and keeps those appended
   * since. Those few lines are written as the whole journal, durably, in place of it (a temporary file fsynced and
   * renamed over it): a crash leaves either the old journal, whose first entries replay onto a snapshot that has
   * them already (every entry is idempotent), or the new one. Callers serialise it with appends.
   */
  async dropFirst(count: number, bytes: number): Promise<void> {
    if (!this.#handle) throw new Error('The journal is not open.')
    if (bytes > this.#size || count > this.#count) throw new Error('The journal holds fewer entries than the fold.')
    if (bytes === this.#size) return this.reset()
    const tail = Buffer.alloc(this.#size - bytes)
    await this.#handle.read(tail, 0, tail.length, bytes)
    // Closed while it is replaced (Windows will not rename over a file held open; elsewhere a handle kept would
    // append to the old file, renamed over), then opened again whatever happened: the new journal, or the old one
    // whole when the write failed.
    try {
      await this.#closeHandles()
      await writeDurably(this.path, tail)
    } finally {
      await this.#openHandles()
      // What is there now decides (a failure after the rename, fsyncing the folder, left the new one in place).
      if ((await this.#handle!.stat()).size === tail.length) {
        this.#size = tail.length
        this.#count -= count
      }
    }
  }

  async close(): Promise<void> {
    await this.#closeHandles()
  }
}
