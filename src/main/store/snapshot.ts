/**
 * The store snapshot (coop-atlas-store.json), read with recovery. Data is sacred: a snapshot that cannot be
 * read or understood is never overwritten. It is moved aside under a name that says why, the newest good
 * backup is used instead (or an empty store when there is none), and the notice says what happened and where.
 */
import { isUtf8 } from 'node:buffer'
import { readFile, readlink, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { ServiceError } from '../../shared/errors'
import { BACKUP_FOLDER, listBackups } from './backups'
import type { Adapter } from 'lowdb'
import { fsyncFolder, writeDurably } from './durable-file'
import { emptyUserData, migrate, type UserData } from './schema'
import { attachBodies, decodeSnapshot, encodeSnapshot } from './snapshot-format'

export const STORE_FILE = 'coop-atlas-store.json'

type ReadOutcome = { ok: true; data: UserData; migratedFrom: number | null } | { ok: false; why: string; tag: string }

export async function readStoreFile(path: string): Promise<ReadOutcome | null> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      // A link whose target is gone (a drive not mounted) is not "no store yet": writing a new store would
      // replace the link itself, silently. It is set aside like any file that cannot be read.
      const target = await readlink(path).catch(() => null)
      return target === null ? null : { ok: false, why: `it is a link to ${target}, which cannot be found`, tag: 'unreadable' }
    }
    return { ok: false, why: `it could not be read (${code ?? (error as Error).message})`, tag: 'unreadable' }
  }
  // A byte-order mark (some editors add one) is not part of the JSON; the old reader's TextDecoder dropped it too.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
  // Strict UTF-8: a lenient decode would turn damaged bytes into U+FFFD, and the next save would make that final.
  if (!isUtf8(bytes)) return { ok: false, why: 'it is not valid UTF-8 text', tag: 'corrupt' }
  if (isBlank(bytes)) return { ok: false, why: 'it was empty', tag: 'empty' }
  const decoded = decodeSnapshot(bytes)
  if (!decoded.ok) return decoded
  const bodies = decoded.bodies
  const migrated = migrate(decoded.doc, { bodiesApart: bodies !== 'inline' })
  if (!migrated.ok) return { ok: false, why: migrated.message, tag: migrated.reason }
  if (bodies !== 'inline') attachBodies(migrated.data.notes, bodies)
  return migrated
}

/** True when the bytes are only whitespace (without decoding a large file to find out). */
function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return false
  return true
}

export interface SnapshotReadout {
  data: UserData
  /** True when the data must be written back (new, migrated or recovered). */
  dirty: boolean
  notice: string | null
}

export async function readSnapshot(folder: string): Promise<SnapshotReadout> {
  const path = join(folder, STORE_FILE)
  const outcome = await readStoreFile(path)
  if (outcome === null) return { data: emptyUserData(), dirty: true, notice: null }
  if (outcome.ok) return { data: outcome.data, dirty: outcome.migratedFrom !== null, notice: null }

  const aside = join(folder, `${STORE_FILE.replace(/\.json$/, '')}.${outcome.tag}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  try {
    await rename(path, aside)
    await fsyncFolder(folder)
  } catch (error) {
    // If we cannot even move it, we must not write over it.
    throw new ServiceError(
      'store-unavailable',
      `Your notes file at ${path} could not be opened because ${outcome.why}, and it could not be moved aside (${(error as Error).message}). Nothing was changed.`,
    )
  }
  for (const name of await listBackups(folder)) {
    const backup = await readStoreFile(join(folder, BACKUP_FOLDER, name))
    if (backup?.ok) {
      return {
        data: backup.data,
        dirty: true,
        notice: `Your notes file could not be opened because ${outcome.why}. It was kept, untouched, as ${aside}. The last good backup (${name}) was restored.`,
      }
    }
  }
  return {
    data: emptyUserData(),
    dirty: true,
    notice: `Your notes file could not be opened because ${outcome.why}. It was kept, untouched, as ${aside}. No good backup was found, so an empty store was started.`,
  }
}

/**
 * The store snapshot as lowdb expects an Adapter: written durably in the layout of snapshot-format.ts. Reading
 * goes through `readStoreFile` (snapshot.ts), which knows how to recover; lowdb only ever writes through this.
 */
export class DurableSnapshotFile implements Adapter<UserData> {
  constructor(readonly path: string) {}
  async read(): Promise<UserData | null> {
    const outcome = await readStoreFile(this.path)
    if (outcome && !outcome.ok) throw new Error(`The store at ${this.path} cannot be read: ${outcome.why}`)
    return outcome?.data ?? null
  }
  async write(data: UserData): Promise<void> {
    await writeDurably(this.path, encodeSnapshot(data))
  }
}
