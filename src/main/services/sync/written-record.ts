/**
 * What this installation last wrote in each sync folder, kept beside the store (coop-atlas-sync-written.json):
 * the digests of its own file's last few writings, per folder and device id. Two things are told by it:
 *  - a file under this device's id that it never wrote: another installation uses the same id (a copied data
 *    folder). Syncing stops until this one takes a new id.
 *  - this device's file gone from a folder it had written to: the folder was emptied. The file is written again.
 * The digest of a writing is recorded before the file is written, so a crash between the two never makes this
 * installation take its own file for another's; and a folder counts as written to once its first file is there
 * (`confirm`), so that a crash before that never makes it look emptied (a sync merge killed at random moments found
 * that). A record that cannot be read is started again (at worst, a file written before is then taken for a copied
 * installation's, and the user is asked).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { writeDurably } from '../../store/durable-file'

export const WRITTEN_RECORD_FILE = 'coop-atlas-sync-written.json'
/** Writings remembered per folder: a sync tool may bring back one of the last few, never an older one. */
const KEPT = 8

const RecordFile = v.object({
  format: v.literal(1),
  written: v.record(v.string(), v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)))),
  /** The keys whose file was once written whole; absent from a record made before it was kept (every key, then). */
  confirmed: v.optional(v.array(v.string())),
})

/** A folder and a device id as one key (a folder written under two ids, before and after a new id, has two). */
export const recordKey = (devicesFolder: string, deviceId: string): string => `${deviceId} ${devicesFolder}`

export class WrittenRecord {
  #written: Record<string, string[]>
  #confirmed: ReadonlySet<string>
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly path: string,
    written: Record<string, string[]>,
    confirmed: Iterable<string>,
  ) {
    this.#written = written
    this.#confirmed = new Set(confirmed)
  }

  static async open(userDataDir: string): Promise<WrittenRecord> {
    const path = join(userDataDir, WRITTEN_RECORD_FILE)
    let written: Record<string, string[]> = {}
    let confirmed: string[] = []
    try {
      const parsed = v.safeParse(RecordFile, JSON.parse(await readFile(path, 'utf8')))
      if (parsed.success) {
        written = Object.assign(Object.create(null) as Record<string, string[]>, parsed.output.written)
        confirmed = parsed.output.confirmed ?? Object.keys(written)
      }
    } catch {
      // none yet, or unreadable: started again
    }
    return new WrittenRecord(path, written, confirmed)
  }

  /** Whether this installation wrote these very bytes (by their digest) there, under that id. */
  wrote(key: string, digest: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.#written, key) && (this.#written[key] ?? []).includes(digest)
  }

  /** Whether this installation ever wrote its file there, whole, under that id. */
  hasWritten(key: string): boolean {
    return this.#confirmed.has(key)
  }

  /** Records a writing, durably, before it is made. */
  add(key: string, digest: string): Promise<void> {
    return this.#save(() => {
      const before = Object.prototype.hasOwnProperty.call(this.#written, key) ? (this.#written[key] ?? []) : []
      return {
        written: { ...this.#written, [key]: [...before.filter((d) => d !== digest), digest].slice(-KEPT) },
        confirmed: this.#confirmed,
      }
    })
  }

  /** Records, durably, that a writing recorded there is made: once per key (later ones change nothing here). */
  confirm(key: string): Promise<void> {
    if (this.#confirmed.has(key)) return Promise.resolve()
    return this.#save(() => ({ written: this.#written, confirmed: new Set([...this.#confirmed, key]) }))
  }

  #save(next: () => { written: Record<string, string[]>; confirmed: ReadonlySet<string> }): Promise<void> {
    const run = this.#queue.then(async () => {
      const { written, confirmed } = next()
      await writeDurably(this.path, JSON.stringify({ format: 1, written, confirmed: [...confirmed] }))
      this.#written = written
      this.#confirmed = confirmed
    })
    this.#queue = run.catch(() => undefined)
    return run
  }
}
