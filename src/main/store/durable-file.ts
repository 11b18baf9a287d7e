/**
 * A lowdb adapter whose writes survive a crash or power cut: write-file-atomic writes a temporary file,
 * fsyncs it and renames it over the old one; we then fsync the folder so the rename itself is on disk
 * (write-file-atomic does not). lowdb's own JSONFile adapter uses steno, which never fsyncs.
 */
import { open, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Adapter } from 'lowdb'
import writeFileAtomic from 'write-file-atomic'

export async function fsyncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function writeDurably(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { encoding: 'utf8', fsync: true })
  await fsyncFolder(dirname(path))
}

/** Reads and writes the raw text; parsing and validation happen in `openStore`, which knows how to recover. */
export class DurableTextFile implements Adapter<string> {
  constructor(readonly path: string) {}

  async read(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async write(text: string): Promise<void> {
    await writeDurably(this.path, text)
  }
}

/** The JSON layer over the durable text file, as lowdb expects an Adapter<T>. */
export class DurableJSONFile<T> implements Adapter<T> {
  readonly #file: DurableTextFile
  constructor(path: string) {
    this.#file = new DurableTextFile(path)
  }
  async read(): Promise<T | null> {
    const text = await this.#file.read()
    return text === null ? null : (JSON.parse(text) as T)
  }
  async write(data: T): Promise<void> {
    await this.#file.write(JSON.stringify(data, null, 1))
  }
}
