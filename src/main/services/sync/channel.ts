/**
 * One exchange with one folder (the personal sync folder, or the team folder): read every other device's file,
 * merge what they hold into the store in one durable step (through the store's queue, as any change), then write
 * this device's own file from the merged notes. Whatever goes wrong, the store is left as it was: a problem is
 * reported (SyncProblemCode) and the next exchange tries again.
 *
 * The personal folder also carries the user's corrections and their tombstones (corrections-merge.ts), merged in
 * the same durable step as the notes. The team folder carries only the shared notebook: this device writes its
 * shared notes (and the tombstones of shared notes) there, never a correction, and takes from colleagues' files
 * only shared notes (merge.ts, `team`).
 */
import { lstat, mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { SyncFolderStatus, SyncProblem, SyncProblemCode } from '../../../shared/domain'
import { replaceDurably } from '../../store/durable-file'
import { BACKGROUND_SLICE_MS, runInSlices } from '../../work-in-slices'
import type { UserStore } from '../../store/user-store'
import { canonicalReplicaPieces } from './canonical'
import { CorrectionWorkspace, mergeCorrections } from './corrections-merge'
import {
  deviceFileName,
  devicesFolder,
  encodeDeviceFileInSlices,
  isDeviceFileName,
  MAX_DEVICE_FILE_BYTES,
  type DeviceFile,
} from './folder-format'
import { MergeWorkspace, mergeReplica, withoutKnownNotes } from './merge'
import type { DeviceFileReader } from './device-file-reader'
import { recordKey, type WrittenRecord } from './written-record'

export type ChannelKind = 'personal' | 'team'
/** How the store's changes made by synchronisation are told from the user's (UserStore.transact's source). */
export const SYNC_SOURCE = 'sync'
/** Most files a devices folder is read for: far more devices than anyone has. */
export const MAX_DEVICE_FILES = 1000

export interface ChannelDependencies {
  store: UserStore
  record: WrittenRecord
  now: () => Date
  /** Reads a device's file (device-file-reader.ts). */
  read: DeviceFileReader['read']
}

const signatureOf = (info: { size: number; mtimeMs: number; ino: number; ctimeMs: number }) =>
  `${info.size}:${info.mtimeMs}:${info.ino}:${info.ctimeMs}`

const MESSAGES: Record<SyncProblemCode, (folder: string, detail: string) => string> = {
  'folder-missing': (folder) =>
    `The folder ${folder} cannot be found (a drive not connected, a share offline?). Nothing was changed here; Coop Atlas tries again by itself.`,
  'folder-unreadable': (folder, detail) =>
    `The folder ${folder} cannot be read (${detail}). Nothing was changed here; Coop Atlas tries again by itself.`,
  'folder-unwritable': (folder, detail) =>
    `This device's notes could not be written to ${folder} (${detail}). Nothing was changed here; Coop Atlas tries again by itself.`,
  'newer-format': (folder) =>
    `Another device writes to ${folder} with a newer Coop Atlas. Update Coop Atlas on this device to go on synchronising; until then nothing is exchanged, and nothing was changed here.`,
  'same-device-id': (folder) =>
    `Another installation of Coop Atlas writes to ${folder} under this device's id: it was probably copied from this one (its data folder with it). Synchronising stopped, and nothing was changed here. Make this device new (it takes a new id, and keeps every note), then it goes on.`,
  'save-failed': (_folder, detail) =>
    `The notes from other devices could not be saved here (${detail}). Nothing was changed; Coop Atlas tries again by itself.`,
  'folder-emptied': (folder) =>
    `This device's file had gone from ${folder} (the folder was emptied, or restored from an older copy). It was written again; nothing was deleted here.`,
}

const problem = (code: SyncProblemCode, folder: string, detail = ''): SyncProblem => ({
  code,
  message: MESSAGES[code](folder, detail),
  detail: detail || null,
})
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message

/** A file this exchange found and will merge. */
interface Found {
  name: string
  signature: string
  file: DeviceFile
}

export class SyncChannel {
  #folder: string | null = null
  #status: SyncFolderStatus
  /** Other devices' files merged already, by name: passed over until they change. */
  #merged = new Map<string, { signature: string; device: string }>()
  /** This device's own file as last written or read (whose id, and the signature and body it had then). */
  #own: { device: string; signature: string; bodySha256: string } | null = null
  /** The device id under which another installation was found writing here: nothing is exchanged under it. */
  #blockedFor: string | null = null
  /** The notes changed since this device's file was last written here. */
  #dirty = true
  /**
   * When an exchange last changed the notes (or, through the personal folder, the corrections) here (ISO), so that
   * open views know to read them again.
   */
  #notesChanged: string | null = null
  /**
   * Counts what was forgotten (another folder, or none; the store changed whole). An exchange that finds it changed
   * after one of its waits stops there: it reads, merges and writes nothing more, and says nothing of that folder. Left
   * to go on, an exchange under way when the user stopped synchronising read the whole folder again (it had just been
   * forgotten) and wrote this device's file back into the folder the user had left.
   */
  #generation = 0

  constructor(
    readonly kind: ChannelKind,
    folder: string | null,
  ) {
    this.#status = this.#off()
    this.setFolder(folder)
  }

  get folder(): string | null {
    return this.#folder
  }

  get status(): SyncFolderStatus {
    return { ...this.#status, problem: this.#status.problem && { ...this.#status.problem }, notesChanged: this.#notesChanged }
  }

  /** The devices folder to watch, once an exchange found it. */
  get watchable(): string | null {
    return this.#folder !== null && this.#status.state === 'ok' ? devicesFolder(this.#folder) : null
  }

  #off(): SyncFolderStatus {
    return { state: 'off', folder: null, lastExchange: null, devices: 0, problem: null, skipped: 0, notesChanged: null }
  }

  /** Another folder (or none): everything known of the last one is forgotten. */
  setFolder(folder: string | null): void {
    this.#folder = folder
    this.forget()
    this.#status = folder === null ? this.#off() : { ...this.#off(), state: 'ok', folder }
  }

  /** Whether the notes changed since this device's file was last written here. */
  get dirty(): boolean {
    return this.#dirty
  }

  /** The notes changed here: this device's file must be written again. */
  markDirty(): void {
    this.#dirty = true
  }

  /**
   * The store changed whole (a new device id, a backup restored), or the folder did: read everything again, write
   * anew. An exchange running meanwhile stops where it is (#generation).
   */
  forget(): void {
    this.#generation++
    this.#clearKnown()
  }

  #clearKnown(): void {
    this.#merged.clear()
    this.#own = null
    this.#blockedFor = null
    this.#dirty = true
  }

  #fail(code: SyncProblemCode, detail = ''): void {
    this.#status = { ...this.#status, state: 'problem', problem: problem(code, this.#folder ?? '', detail) }
  }

  async exchange({ store, record, now, read }: ChannelDependencies): Promise<void> {
    const folder = this.#folder
    if (folder === null) {
      this.#status = this.#off()
      return
    }
    const generation = this.#generation
    const stale = () => this.#generation !== generation
    const fail = (code: SyncProblemCode, detail = '') => {
      if (!stale()) this.#fail(code, detail)
    }
    const me = { ...store.device }
    if (this.#blockedFor === me.id) return fail('same-device-id')
    // The chosen folder must be there: it is never made here (on an unmounted drive that would write to the mount point).
    try {
      if (!(await stat(folder)).isDirectory()) return fail('folder-missing')
    } catch {
      return fail('folder-missing')
    }
    const dir = devicesFolder(folder)
    try {
      await mkdir(dir, { recursive: true })
    } catch (error) {
      return fail('folder-unwritable', errorCode(error))
    }
    let names: string[]
    try {
      names = (await readdir(dir)).filter(isDeviceFileName).sort().slice(0, MAX_DEVICE_FILES)
    } catch (error) {
      return fail('folder-unreadable', errorCode(error))
    }

    const ownName = deviceFileName(me.id)
    const key = recordKey(dir, me.id)
    if (stale()) return
    if (this.#own && this.#own.device !== me.id) this.#clearKnown()
    const found: Found[] = []
    const devices = new Set<string>()
    let skipped = 0
    let newer = false
    let copied = false
    let ownHere = false
    for (const name of names) {
      const path = join(dir, name)
      if (stale()) return
      let signature: string
      try {
        const info = await lstat(path)
        if (!info.isFile()) continue
        signature = signatureOf(info)
        if (info.size > MAX_DEVICE_FILE_BYTES) {
          skipped++
          continue
        }
      } catch {
        continue // gone since the folder was listed
      }
      if (name === ownName && this.#own?.signature === signature) {
        ownHere = true
        continue
      }
      const merged = this.#merged.get(name)
      if (merged?.signature === signature) {
        devices.add(merged.device)
        continue
      }
      // The digest of the bytes tells this device's own writings apart; another device's file does not need it.
      const reading = await read(path, { digest: name === ownName })
      if (stale()) return
      if (reading.kind === 'newer') newer = true
      else if (reading.kind === 'later') {
        // This device's own file, unreadable: written again below (nobody else writes it, unless a copy does).
        if (name !== ownName) skipped++
      } else if (reading.file.device.id === me.id) {
        if (name === ownName && reading.file.digest !== null && record.wrote(key, reading.file.digest)) {
          ownHere = true
          // Written whole, then (a crash may have come between its writing and its confirmation).
          await record.confirm(key)
          if (stale()) return
          // Written under another name (the device was renamed since): written again, though the notes are the same.
          const bodySha256 = reading.file.device.name === me.name ? reading.file.bodySha256 : ''
          this.#own = { device: me.id, signature, bodySha256 }
          // Not the file as last written here (a sync tool brought back an older writing of it): compared with the
          // notes as they are now below, and written again unless it holds them.
          this.#dirty = true
        } else copied = true
      } else found.push({ name, signature, file: reading.file })
    }
    if (newer) return fail('newer-format')
    if (copied) {
      this.#blockedFor = me.id
      return fail('same-device-id')
    }

    // What this device has already is left out first, a slice at a time (withoutKnownNotes says why).
    for (const entry of found) {
      const replica = await runInSlices(withoutKnownNotes(entry.file.replica, store.notes), BACKGROUND_SLICE_MS)
      entry.file = { ...entry.file, replica }
    }
    if (stale()) return
    if (found.length > 0) {
      try {
        const outcome = await store.transact<'stale' | 'same' | 'changed'>(() => {
          // A new device id since the folder was read: what was read is judged again at the next exchange.
          if (store.device.id !== me.id) return { entry: null, result: 'stale' }
          const team = this.kind === 'team'
          const ws = new MergeWorkspace(store.notes, store.tombstones)
          const corrections = new CorrectionWorkspace(store.corrections, store.correctionTombstones)
          for (const { file } of found) {
            mergeReplica(ws, file.replica, { mode: 'sync', device: me.id, team })
            // Corrections are personal: whatever a colleague's file in the team folder holds of them is passed over.
            if (!team) mergeCorrections(corrections, file.replica)
          }
          if (!ws.changed && !corrections.changed) return { entry: null, result: 'same' }
          const entry = { op: 'merge' as const, ...ws.changes(), ...(corrections.changed ? corrections.changes() : {}) }
          return { entry, result: 'changed' }
        }, SYNC_SOURCE)
        if (outcome === 'stale') return
        if (outcome === 'changed') this.#notesChanged = now().toISOString()
      } catch (error) {
        return fail('save-failed', (error as Error).message)
      }
      // Saved (it was merged before the folder was left, as if the exchange had ended first); nothing more here.
      if (stale()) return
      for (const { name, signature, file } of found) this.#merged.set(name, { signature, device: file.device.id })
    }
    for (const name of [...this.#merged.keys()]) if (!names.includes(name)) this.#merged.delete(name)
    for (const { device } of this.#merged.values()) devices.add(device)

    // Gone, not merely unreadable (a damaged file, or one whose reading stopped, is written again without a word).
    const emptied = !names.includes(ownName) && record.hasWritten(key)
    if (!ownHere) this.#own = null
    if (!ownHere || this.#dirty) {
      try {
        if (!(await this.#writeOwn(store, record, me.id, key, join(dir, ownName), now(), stale))) return
      } catch (error) {
        return fail('folder-unwritable', errorCode(error))
      }
    }
    if (stale()) return
    this.#status = {
      state: 'ok',
      folder,
      lastExchange: now().toISOString(),
      devices: devices.size,
      problem: emptied ? problem('folder-emptied', folder) : null,
      skipped,
      notesChanged: this.#notesChanged,
    }
  }

  /**
   * Writes this device's file from the notes as they are now, unless it holds them already. False when the device
   * id changed meanwhile (the next exchange writes under the new one), or the folder was left while it was made.
   */
  async #writeOwn(
    store: UserStore,
    record: WrittenRecord,
    me: string,
    key: string,
    path: string,
    now: Date,
    stale: () => boolean,
  ): Promise<boolean> {
    const device = { ...store.device }
    if (device.id !== me) return false
    this.#dirty = false
    const team = this.kind === 'team'
    const notes = [...store.notes.values()].filter((n) => !team || n.shared)
    const tombstones = [...store.tombstones.values()].filter((t) => !team || t.shared)
    const corrections = team
      ? undefined
      : { corrections: store.corrections.values(), correctionTombstones: store.correctionTombstones.values() }
    // Made in slices: at 50,000 notes it is 110 MB of text, made at every exchange that follows a change. Made at once,
    // it held main for seconds: saves during an exchange p95 22.6 ms (npm run bench; in slices 6.5 ms), and a
    // note-search worker fed between those blocks took 140 s to catch up instead of 11.
    const own = this.#own
    const encoded = await encodeDeviceFileInSlices(
      device,
      canonicalReplicaPieces(notes, tombstones, corrections),
      now,
      BACKGROUND_SLICE_MS,
      (bodySha256) => own?.device === device.id && own.bodySha256 === bodySha256,
    )
    if (encoded === null) return true
    if (stale()) return false
    const { bytes, digest, bodySha256 } = encoded
    try {
      await record.add(key, digest)
      // Left while the writing was recorded (two fsyncs): not written into the folder the user left.
      if (stale()) {
        this.#dirty = true
        return false
      }
      await replaceDurably(path, bytes)
      await record.confirm(key)
      if (stale()) return false
      this.#own = { device: device.id, signature: signatureOf(await stat(path)), bodySha256 }
    } catch (error) {
      this.#dirty = true
      throw error
    }
    return true
  }
}
