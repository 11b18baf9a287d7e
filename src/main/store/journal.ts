/**
 * The notes journal: every change since the last snapshot, one JSON line each, appended and fdatasync'ed
 * before the change is acknowledged. A save costs one small append and one sync, whatever the number of notes
 * (a whole-file rewrite of 50,000 notes would cost megabytes per keystroke).
 *
 * A crash can only tear the last line, which was never acknowledged: it is dropped on open. A bad line in the
 * middle means the file was damaged by something else: the journal is kept aside, and what came before is used.
 */
import { copyFile, open, readFile, type FileHandle } from 'node:fs/promises'
import { fsyncFolder } from './durable-file'
import { dirname } from 'node:path'

export interface JournalReadout<E> {
  entries: E[]
  /** Set when part of the journal could not be used; the user must be told. */
  notice: string | null
}

export class Journal<E> {
  #handle: FileHandle | null = null
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
    let goodBytes = 0
    let notice: string | null = null
    let offset = 0
    while (offset < text.length) {
      const end = text.indexOf('\n', offset)
      if (end === -1) break // a torn last line: never acknowledged
      const line = text.slice(offset, end)
      let entry: E | null
      try {
        entry = this.parse(JSON.parse(line))
      } catch {
        entry = null
      }
      if (entry === null) {
        const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
        await copyFile(this.path, aside)
        notice = `Part of your recent changes could not be read (the change log was damaged at line ${entries.length + 1}). The changes before it were kept; the log was saved as ${aside}.`
        break
      }
      entries.push(entry)
      goodBytes = Buffer.byteLength(text.slice(0, end + 1))
      offset = end + 1
    }
    this.#handle = await open(this.path, 'a+')
    if (goodBytes !== Buffer.byteLength(text)) {
      await this.#handle.truncate(goodBytes)
      await this.#handle.datasync()
    }
    await fsyncFolder(dirname(this.path))
    this.#size = goodBytes
    this.#count = entries.length
    return { entries, notice }
  }

  /** Appends one entry and returns once it is on disk. Callers serialise appends (UserStore's queue). */
  async append(entry: E): Promise<void> {
    if (!this.#handle) throw new Error('The journal is not open.')
    const line = `${JSON.stringify(entry)}\n`
    await this.#handle.appendFile(line, 'utf8')
    await this.#handle.datasync()
    this.#size += Buffer.byteLength(line)
    this.#count++
  }

  /** Empties the journal once a snapshot holds everything in it. */
  async reset(): Promise<void> {
    if (!this.#handle) throw new Error('The journal is not open.')
    await this.#handle.truncate(0)
    await this.#handle.datasync()
    this.#size = 0
    this.#count = 0
  }

  async close(): Promise<void> {
    await this.#handle?.close()
    this.#handle = null
  }
}
