/**
 * The store snapshot (coop-atlas-store.json), read with recovery. Data is sacred: a snapshot that cannot be
 * read or understood is never overwritten. It is moved aside under a name that says why, the newest good
 * backup is used instead (or an empty store when there is none), and the notice says what happened and where.
 */
import { readlink, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { StoreNoticePart, StoreProblem } from '../../shared/store-notice'
import { BACKUP_FOLDER, keepBackupsAside, listBackups } from './backups'
import type { Adapter } from 'lowdb'
import { fsyncFolder, writeDurably } from './durable-file'
import { fileStamp } from './file-stamp'
import { problemInEnglish } from './notice-english'
import { StartRefusal } from './start-refusals'
import { MAX_NOTE_BYTES } from '../../shared/note-rules'
import { emptyUserData, migrate, salvageStore, STORE_VERSION, type SetAsideRecord, type UserData } from './schema'
import { attachBodies, bodiesWithin, CHECKSUM_LENGTH, decodeSnapshot, encodeSnapshotInSlices, inlineBodies } from './snapshot-format'
import { readChecked, type CheckedRead } from './read-checked'
import { BACKGROUND_SLICE_MS } from '../work-in-slices'

export const STORE_FILE = 'coop-atlas-store.json'

export type ReadOutcome =
  | {
      ok: true
      data: UserData
      migratedFrom: number | null
      /** Records that could not be kept as they were (the store keeps every other one): to be put aside, not lost. */
      setAside: SetAsideRecord[]
    }
  | { ok: false; problem: StoreProblem; tag: string }

export async function readStoreFile(path: string): Promise<ReadOutcome | null> {
  let read: CheckedRead
  try {
    read = await readChecked(path, { hashFrom: CHECKSUM_LENGTH })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      // A link whose target is gone (a drive not mounted) is not "no store yet": writing a new store would
      // replace the link itself, silently. It is set aside like any file that cannot be read.
      const target = await readlink(path).catch(() => null)
      return target === null ? null : { ok: false, problem: { key: 'link-missing', values: { target } }, tag: 'unreadable' }
    }
    return { ok: false, problem: { key: 'cannot-read', values: { code: code ?? (error as Error).message } }, tag: 'unreadable' }
  }
  // Without a byte-order mark (some editors add one; the old reader's TextDecoder dropped it too), and checked as
  // strict UTF-8: a lenient decode would turn damaged bytes into U+FFFD, and the next save would make that final.
  const { bytes, utf8, sha256 } = read
  if (!utf8) return { ok: false, problem: { key: 'not-utf8', values: {} }, tag: 'corrupt' }
  if (isBlank(bytes)) return { ok: false, problem: { key: 'empty', values: {} }, tag: 'empty' }
  const decoded = decodeSnapshot(bytes, sha256)
  if (!decoded.ok) return decoded
  let bodies = decoded.bodies
  const doc = decoded.doc
  // A file from before the current rules is read whole: its notes are checked, and mended where needed, with
  // their text (a one-time cost at the first start of a new version).
  if (bodies !== 'inline' && (doc['schemaVersion'] !== STORE_VERSION || !bodiesWithin(bodies, MAX_NOTE_BYTES))) {
    if (Array.isArray(doc['notes'])) inlineBodies(doc['notes'] as Record<string, unknown>[], bodies)
    bodies = 'inline'
  }
  const migrated = migrate(doc, { bodiesApart: bodies !== 'inline' })
  if (migrated.ok) {
    if (bodies !== 'inline') attachBodies(migrated.data.notes, bodies)
    return { ...migrated, setAside: [] }
  }
  if (migrated.reason !== 'wrong-shape' || !migrated.doc) return { ok: false, problem: migrated.problem, tag: migrated.reason }
  // Some records are bad: every good one is kept, and only the bad ones are set aside.
  if (bodies !== 'inline' && Array.isArray(migrated.doc['notes'])) inlineBodies(migrated.doc['notes'] as Record<string, unknown>[], bodies)
  const salvage = salvageStore(migrated.doc, new Date().toISOString())
  if (!salvage) return { ok: false, problem: migrated.problem, tag: migrated.reason }
  return { ok: true, data: salvage.data, migratedFrom: migrated.migratedFrom ?? null, setAside: salvage.setAside }
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
  /** What the reader must be told (shared/store-notice.ts), or null. */
  notice: StoreNoticePart[] | null
}

const asideName = (folder: string, tag: string) => join(folder, `${STORE_FILE.replace(/\.json$/, '')}.${tag}-${fileStamp()}.json`)

export async function readSnapshot(folder: string): Promise<SnapshotReadout> {
  const path = join(folder, STORE_FILE)
  const outcome = await readStoreFile(path)
  if (outcome === null) return { data: emptyUserData(), dirty: true, notice: null }
  if (outcome.ok) {
    if (outcome.setAside.length === 0) return { data: outcome.data, dirty: outcome.migratedFrom !== null, notice: null }
    // Every good record is kept; the file as it was is kept aside, byte for byte, for the ones that were not.
    const aside = asideName(folder, 'partly-read')
    await moveAside(path, aside, 'some of its records could not be read')
    await keepBackupsAside(folder)
    return { data: outcome.data, dirty: true, notice: [recordsNotice(outcome.setAside, aside)] }
  }

  const aside = asideName(folder, outcome.tag)
  await moveAside(path, aside, problemInEnglish(outcome.problem))
  const why: StoreNoticePart = { key: 'set-aside', values: { aside }, problem: outcome.problem }
  for (const name of await listBackups(folder)) {
    const backup = await readStoreFile(join(folder, BACKUP_FOLDER, name))
    if (backup?.ok) {
      // The backups are kept as they are, apart from the rotation, so that none that holds more is overwritten.
      const kept = await keepBackupsAside(folder)
      const left = backup.setAside.length > 0 ? [recordsNotice(backup.setAside, join(kept, name.replace(/^.*\//, '')))] : []
      return {
        data: backup.data,
        dirty: true,
        notice: [why, { key: 'backup-restored', values: { backup: name, keptIn: kept } }, ...left],
      }
    }
  }
  return { data: emptyUserData(), dirty: true, notice: [why, { key: 'no-backup', values: {} }] }
}

async function moveAside(path: string, aside: string, why: string): Promise<void> {
  try {
    await rename(path, aside)
    await fsyncFolder(dirname(path))
  } catch (error) {
    // If we cannot even move it, we must not write over it.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new StartRefusal({ kind: 'not-moved-aside', path, code }, `it could not be opened because ${why}; ${(error as Error).message}`)
  }
}

function recordsNotice(records: SetAsideRecord[], where: string): StoreNoticePart {
  const mended = records.filter((r) => r.mended).length
  return { key: 'records-set-aside', values: { apart: records.length - mended, mended, aside: where } }
}

/**
 * The store snapshot as lowdb's adapter: lowdb's `read()` opens it with recovery (readSnapshot: a file that cannot be
 * used is set aside, a backup restored, every good record kept) and says what it did in `readout`; lowdb's `write()`
 * writes it durably in the layout of snapshot-format.ts. The journal of changes since lives beside it (journal.ts):
 * lowdb has no notion of one, and rewriting a 100 MB snapshot for every keystroke is what the journal avoids.
 */
export class DurableSnapshotFile implements Adapter<UserData> {
  /** What the last read found: whether the data must be written back, and what the user must be told. */
  readout: Omit<SnapshotReadout, 'data'> = { dirty: false, notice: null }
  constructor(readonly folder: string) {}
  get path(): string {
    return join(this.folder, STORE_FILE)
  }
  async read(): Promise<UserData> {
    const { data, ...readout } = await readSnapshot(this.folder)
    this.readout = readout
    return data
  }
  async write(data: UserData): Promise<void> {
    // In slices: a fold writes while saves go on. At 50,000 notes: the slowest save during a fold 460-660 ms -> 150 ms.
    await writeDurably(this.path, await encodeSnapshotInSlices(data, BACKGROUND_SLICE_MS))
  }
}
