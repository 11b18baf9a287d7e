/**
 * The user store: the one writer of the user's data. A snapshot (lowdb over a durable adapter) plus a journal
 * of the changes since; every change is appended and synced before it is acknowledged, and changes are applied
 * one at a time, in order. The journal is folded into a new snapshot at open, at close, and when it grows.
 */
import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import * as v from 'valibot'
import { BACKUP_FOLDER, backUp, describeBackup, holdsNothing, keepBackupsAside, lastWritten, listBackups as backupNames } from './backups'
import { Journal } from './journal'
import { journalLine } from './journal-line'
import { BACKGROUND_SLICE_MS, runInSlices, runToEnd, type Steps } from '../work-in-slices'
import {
  checkBeforeWrite,
  checkBeforeWriteInSteps,
  CorrectionTombstone,
  emptyUserData,
  newDevice,
  notesCheckedByHandInSteps,
  Favourites,
  Settings,
  STORE_VERSION,
  StoredCorrection,
  StoredNote,
  SyncSettings,
  Tombstone,
  UserData,
  type StoredCorrection as Correction,
  type CorrectionTombstone as CorrectionTombstoneRecord,
  type StoredNote as Note,
  type Tombstone as TombstoneRecord,
} from './schema'
import { fsyncFolder } from './durable-file'
import { fileStamp } from './file-stamp'
import { DurableSnapshotFile, readStoreFile, STORE_FILE } from './snapshot'
import { ServiceError, wordedRefusal } from '../../shared/errors'
import { problemInEnglish } from './notice-english'
import { StartRefusal } from './start-refusals'
import type { BackupInfo } from '../../shared/domain'
import type { StoreNoticePart } from '../../shared/store-notice'
import { bumpVersion, firstVersion } from '../../shared/note-versions'

export const JOURNAL_FILE = 'coop-atlas-changes.jsonl'

const JournalEntry = v.variant('op', [
  v.object({ op: v.literal('put-note'), note: StoredNote }),
  v.object({ op: v.literal('delete-note'), id: v.string() }),
  /** Many notes in one durable step (an import), so a thousand notes cost one sync, not a thousand. */
  v.object({ op: v.literal('put-notes'), notes: v.array(StoredNote) }),
  v.object({ op: v.literal('put-correction'), correction: StoredCorrection }),
  /** A withdrawal: the correction goes, and its tombstone (when) is kept, in the same step (schema.ts). */
  v.object({ op: v.literal('delete-correction'), id: CorrectionTombstone.entries.id, deleted: CorrectionTombstone.entries.deleted }),
  v.object({ op: v.literal('set-favourites'), favourites: Favourites }),
  v.object({ op: v.literal('set-settings'), settings: Settings }),
  /**
   * What a merge (synchronisation) or a permanent deletion changes, in one durable step: the notes in `remove` go,
   * then `notes` are put, and `tombstones` replace those of their ids. Nothing else is decided here (sync/merge.ts).
   * A merge of the sync folder may also bring corrections and their tombstones (sync/corrections-merge.ts): the
   * corrections are put, then each tombstone replaces that of its id and removes its correction. Both are optional,
   * so that a change log written before corrections travelled (store version 6) still reads.
   */
  v.object({
    op: v.literal('merge'),
    notes: v.array(StoredNote),
    remove: v.array(v.string()),
    tombstones: v.array(Tombstone),
    corrections: v.optional(v.array(StoredCorrection)),
    correctionTombstones: v.optional(v.array(CorrectionTombstone)),
  }),
  v.object({ op: v.literal('set-sync'), sync: SyncSettings }),
])
/** The one check a change passes, both before it is written and when it is read back. */
const parseEntry = (raw: unknown) => v.safeParse(JournalEntry, raw)

/**
 * Whether a change of many notes (an import, a merge) plainly passes parseEntry (its notes checked by hand, bodies
 * included), a few notes a step. False when unsure: parseEntry then decides. A merge of 10,000 notes held main
 * 85-130 ms in valibot; 60 ms checked by hand in one block (npm run bench).
 */
function* plainlyValid(entry: JournalEntry): Steps<boolean> {
  if (entry.op !== 'merge' && entry.op !== 'put-notes') return false
  return (yield* notesCheckedByHandInSteps(JournalEntry, entry, 'checked')) !== null
}
export type JournalEntry = v.InferOutput<typeof JournalEntry>

/** Why a change cannot be saved (it would not read back), or null. */
function* refusalOf(entry: JournalEntry): Steps<ServiceError | null> {
  if (yield* plainlyValid(entry)) return null
  const checked = parseEntry(entry)
  if (checked.success) return null
  const issue = checked.issues[0]
  const path = v.getDotPath(issue) ?? 'change'
  return wordedRefusal(
    'invalid-input',
    'change-unreadable',
    `This change was not saved: it holds a value your notes file could not be read back with (${path}: ${issue.message}). Nothing was changed.`,
    { path },
  )
}

/** A snapshot that would not read back is never written: the changes stay safe in the journal, and the next open or fold tries again. */
function refuseUnreadable(problem: string | null): void {
  if (problem) throw new StartRefusal({ kind: 'not-rewritten' }, problem)
}

/**
 * A note saved by an older Coop Atlas, left in the change log by a crash before the upgrade: from before versions
 * (store version 4: no version, no conflict mark) or before synchronisation (5: no shared mark, no author). Read
 * by that version's rules, then given what it lacks as it is replayed (see #upgrade).
 */
const LegacyNote = v.strictObject({
  ...StoredNote.entries,
  versions: v.optional(StoredNote.entries.versions),
  conflictOf: v.optional(StoredNote.entries.conflictOf),
  shared: v.optional(StoredNote.entries.shared),
  author: v.optional(StoredNote.entries.author),
})
const LegacyEntry = v.variant('op', [
  v.object({ op: v.literal('put-note'), note: LegacyNote }),
  v.object({ op: v.literal('put-notes'), notes: v.array(LegacyNote) }),
  /** A withdrawal from before corrections travelled (store version 6): it left no tombstone. */
  v.object({ op: v.literal('delete-correction'), id: v.string() }),
])
type LegacyEntry = v.InferOutput<typeof LegacyEntry>
type ReadEntry = JournalEntry | LegacyEntry
const parseReadEntry = (raw: unknown): ReadEntry | null => {
  const parsed = parseEntry(raw)
  if (parsed.success) return parsed.output
  const legacy = v.safeParse(LegacyEntry, raw)
  return legacy.success ? legacy.output : null
}

/**
 * Told of every change once it is saved and applied: the change, and who made it (the `source` given to transact).
 * `null` for a change of the whole store: a backup restored, a new device id.
 */
export type StoreListener = (entry: JournalEntry | null, source: string | undefined) => void

export interface UserStoreOptions {
  /** Fold the journal into a new snapshot once it holds this many changes. */
  compactAfter?: number
}

export class UserStore {
  readonly notes = new Map<string, Note>()
  readonly corrections = new Map<string, Correction>()
  /** Notes deleted for good, by id: what each deletion had seen (schema.ts, Tombstone). */
  readonly tombstones = new Map<string, TombstoneRecord>()
  /** Corrections withdrawn, by id (schema.ts, CorrectionTombstone): never also in `corrections`. */
  readonly correctionTombstones = new Map<string, CorrectionTombstoneRecord>()
  favourites: string[] = []
  settings: UserData['settings']
  /** The folders notes are synchronised through (services/sync). */
  sync: UserData['sync']
  /** This installation: its id marks the changes made here in each note's version. */
  device: UserData['device']
  #queue: Promise<unknown> = Promise.resolve()
  /** A fold after a long journal, writing its snapshot while changes go on (#foldIfLong); null when none. */
  #folding: Promise<void> | null = null
  /** Counts the journal's resets: a fold's trim is skipped when the journal was emptied since the fold began. */
  #journalEpoch = 0
  readonly #listeners = new Set<StoreListener>()
  readonly #snapshot: Low<UserData>
  readonly #compactAfter: number

  private constructor(
    readonly folder: string,
    snapshot: Low<UserData>,
    private readonly journal: Journal<ReadEntry>,
    /** What the reader must be told about how the store was opened (shared/store-notice.ts), or null. */
    readonly notice: StoreNoticePart[] | null,
    options: UserStoreOptions,
  ) {
    this.#snapshot = snapshot
    // The data lowdb read, indexed by id: a note is found, saved or trashed in O(1) among 50,000.
    const data = snapshot.data
    for (const note of data.notes) this.notes.set(note.id, note)
    this.#loadCorrections(data)
    for (const tombstone of data.tombstones) this.tombstones.set(tombstone.id, tombstone)
    this.favourites = data.favourites
    this.settings = data.settings
    this.sync = data.sync
    this.device = data.device
    this.#compactAfter = options.compactAfter ?? 2000
  }

  static async open(folder: string, options: UserStoreOptions = {}): Promise<UserStore> {
    const adapter = new DurableSnapshotFile(folder)
    const snapshot = new Low<UserData>(adapter, emptyUserData())
    await snapshot.read() // with recovery: see DurableSnapshotFile
    const journal = new Journal<ReadEntry>(join(folder, JOURNAL_FILE), parseReadEntry)
    const replay = await journal.open()
    let journalNotice: StoreNoticePart | null = null
    if (replay.badLines.length > 0) {
      // The log is kept aside whole, byte for byte, before the fold below empties it; every good line was read.
      const aside = `${journal.path}.damaged-${fileStamp()}`
      await copyFile(journal.path, aside)
      await fsyncFolder(folder)
      await keepBackupsAside(folder)
      const lines = replay.badLines.map((b) => b.line).join(', ')
      journalNotice = { key: 'changes-set-aside', values: { count: replay.badLines.length, lines, aside } }
    }
    const parts = [...(adapter.readout.notice ?? []), ...(journalNotice ? [journalNotice] : [])]
    const notice = parts.length > 0 ? parts : null
    const store = new UserStore(folder, snapshot, journal, notice, options)
    // After a recovery the store may hold less than this device once saved: it takes a new id, so that a counter
    // it gave out before is never given again to another text (the fold below writes it).
    if (notice) store.device = newDevice(store.device.name)
    for (const entry of replay.entries) {
      const upgraded = store.#upgrade(entry)
      if (upgraded) store.#applyInMemory(upgraded)
    }
    try {
      if (adapter.readout.dirty || replay.entries.length > 0 || replay.badLines.length > 0) await store.#compact()
    } catch (error) {
      await journal.close()
      throw error
    }
    // The backup of the snapshot just proved good runs in the store's queue, off the path to the first view:
    // copying a large store costs as much as reading it. Later changes wait for it, so they never race the copy.
    store.#queue = backUp(folder, join(folder, STORE_FILE)).catch(() => undefined)
    return store
  }

  /**
   * Makes a change durable, then applies it; resolves once it is on disk. Changes run one at a time, in order.
   * A change is checked with the schema the store is read with before it is written: what could not be read back
   * is refused here, with the reason, and nothing is written.
   */
  apply(entry: JournalEntry, source?: string): Promise<void> {
    // Checked before it is queued: a change that could not be read back is refused at once.
    const problem = runToEnd(refusalOf(entry))
    if (problem) return Promise.reject(problem)
    return this.#enqueue(() => ({ entry, result: undefined }), source, false)
  }

  /**
   * A change decided on the store as it is once every change before it is applied: `compute` runs in the queue,
   * sees the data as those changes left it, and returns the change to make (or null: none) and the answer to give.
   * What it throws is thrown to the caller, and nothing is changed. This is how a change that depends on what is
   * stored (an edit from a version, a merge) never acts on a state another change has just replaced.
   */
  transact<R>(compute: () => { entry: JournalEntry | null; result: R }, source?: string): Promise<R> {
    return this.#enqueue(compute, source, true)
  }

  #enqueue<R>(compute: () => { entry: JournalEntry | null; result: R }, source: string | undefined, check: boolean): Promise<R> {
    const run = this.#queue.then(async () => {
      const { entry, result } = compute()
      if (entry === null) return result
      // A change of many notes is checked and written out a slice at a time (journal-line.ts says why); the store
      // does not change meanwhile: every change goes through this queue.
      const problem = check ? await runInSlices(refusalOf(entry), BACKGROUND_SLICE_MS) : null
      if (problem) throw problem
      await this.journal.appendLine(journalLine(entry))
      this.#applyInMemory(entry)
      this.#tell(entry, source)
      return result
    })
    // The change is saved once it is in the journal, and its caller is answered then: the fold that a long journal
    // calls for (584 ms at 50,000 notes, npm run bench) is the next step of the queue, not part of this save. A
    // fold that fails (a full disk) is tried again after a later change, and never makes a saved change look unsaved
    // (a retried create would make a second note).
    this.#queue = run.catch(() => undefined).then(() => this.#foldIfLong())
    return run
  }

  /**
   * Folds the journal into the snapshot once it holds `compactAfter` changes, without holding changes up: the state
   * is taken now (in the queue, after a change), the snapshot written while later changes go on being appended,
   * and then, as a step of the queue, the journal loses the entries the snapshot holds and keeps those made since.
   * At 50,000 notes the fold takes 0.6-0.9 s; a save made meanwhile waited all of it.
   */
  #foldIfLong(): void {
    if (this.#folding || this.journal.entryCount < this.#compactAfter) return
    // The state now; it is checked, a slice at a time, before it is written (at 50,000 notes the check held main
    // 80-90 ms at once). Refused, it is not written: the changes stay in the journal, and a later change tries again.
    const data = this.toData()
    const count = this.journal.entryCount
    const bytes = this.journal.byteSize
    const epoch = this.#journalEpoch
    // Its place among the snapshot writes is taken now; its encoding (a few hundred ms of main at 50,000 notes) waits
    // for the next task, so that the saves already asked for go first.
    const written = this.#writeSnapshot(data, 'checked later')
    this.#folding = written
      .then(() => {
        const trim = this.#queue.then(async () => {
          // Emptied meanwhile by a whole fold (a close, a restore): nothing of this one is left to drop.
          if (this.#journalEpoch === epoch) await this.journal.dropFirst(count, bytes)
        })
        this.#queue = trim.catch(() => undefined)
        return trim
      })
      .catch(() => undefined)
      .finally(() => (this.#folding = null))
  }

  /** Changes in the journal since the snapshot was last written (folded in at `compactAfter`). */
  get changesSinceFold(): number {
    return this.journal.entryCount
  }

  /** Resolves once every change asked for so far is saved and any fold it called for is done. */
  async idle(): Promise<void> {
    await this.#queue
    while (this.#folding) {
      await this.#folding
      await this.#queue
    }
  }

  /** Listens to every change saved from now on; returns how to stop. */
  onChange(listener: StoreListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #tell(entry: JournalEntry | null, source: string | undefined): void {
    for (const listener of this.#listeners) {
      try {
        listener(entry, source)
      } catch {
        // A listener's failure is its own: the change is saved.
      }
    }
  }

  /**
   * Gives this installation a new device id (its name kept) and saves it at once: for a copied installation, whose
   * copy goes on under the old id. Later changes here count under the new id; no counter is ever given twice.
   */
  renewDevice(): Promise<UserData['device']> {
    return this.#replaceDevice(() => newDevice(this.device.name), true)
  }

  /**
   * Names this installation as the user wants it shown (to colleagues, as the author of shared notes, and in
   * other devices' sync status). Its id stays; notes already written keep the name they were written under.
   */
  renameDevice(name: string): Promise<UserData['device']> {
    return this.#replaceDevice(() => ({ ...this.device, name }), false)
  }

  /** Saves a new device record at once (a compaction: the device is kept with the notes, not in the change log). */
  #replaceDevice(next: () => UserData['device'], renewed: boolean): Promise<UserData['device']> {
    const run = this.#queue.then(async () => {
      const before = this.device
      this.device = next()
      try {
        await this.#compact()
      } catch (error) {
        this.device = before
        throw error
      }
      // A new id: everything is read again and written anew (listeners are told the store changed whole).
      if (renewed) this.#tell(null, undefined)
      return { ...this.device }
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  /** Folds the journal into a new snapshot and keeps a backup of it. */
  compact(): Promise<void> {
    const run = this.#queue.then(async () => {
      await this.#compact()
      await backUp(this.folder, join(this.folder, STORE_FILE))
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  async listBackups(): Promise<BackupInfo[]> {
    await this.#queue
    const out: BackupInfo[] = []
    for (const name of await backupNames(this.folder)) {
      // A backup that cannot be read is listed too, with the reason: it can still be exported.
      const path = join(this.folder, BACKUP_FOLDER, name)
      const outcome = await readStoreFile(path)
      const written = await lastWritten(path)
      if (outcome?.ok)
        out.push(describeBackup(name, { notes: outcome.data.notes.length, problem: null, empty: holdsNothing(outcome.data) }, written))
      else
        out.push(
          describeBackup(name, { notes: null, problem: outcome ? outcome.problem : { key: 'missing', values: {} }, empty: false }, written),
        )
    }
    return out
  }

  /**
   * Replaces the current data with a backup's. The current state is first saved as a backup of its own,
   * so a restore can itself be undone from the list.
   */
  restoreBackup(name: string): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!(await backupNames(this.folder)).includes(name))
        throw wordedRefusal('not-found', 'backup-not-found', `There is no backup named "${name}".`, { name })
      const outcome = await readStoreFile(join(this.folder, BACKUP_FOLDER, name))
      if (!outcome?.ok)
        throw wordedRefusal(
          'invalid-input',
          'backup-unreadable',
          `The backup "${name}" cannot be read${outcome ? `: ${problemInEnglish(outcome.problem)}` : ''}. Nothing was changed.`,
          { name },
          { problem: outcome ? outcome.problem : { key: 'missing', values: {} } },
        )
      // Settings offers no Restore for a backup that holds nothing; asked anyway, it would only empty the store.
      if (holdsNothing(outcome.data))
        throw wordedRefusal(
          'invalid-input',
          'backup-empty',
          `The backup "${name}" holds no notes, corrections or favourites: restoring it would only empty the store. Nothing was changed.`,
          {
            name,
          },
        )
      await this.#compact()
      await backUp(this.folder, join(this.folder, STORE_FILE))
      this.notes.clear()
      this.tombstones.clear()
      for (const note of outcome.data.notes) this.notes.set(note.id, note)
      this.#loadCorrections(outcome.data)
      for (const tombstone of outcome.data.tombstones) this.tombstones.set(tombstone.id, tombstone)
      this.favourites = outcome.data.favourites
      this.settings = outcome.data.settings
      // The sync folders stay as chosen: a backup brings back notes, not where they are synchronised.
      // The notes went back to older versions: later changes here must not reuse the counters given out since.
      this.device = newDevice(this.device.name)
      await this.#compact()
      this.#tell(null, undefined)
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  async close(): Promise<void> {
    await this.compact().catch(() => undefined)
    await this.journal.close()
  }

  toData(): UserData {
    return {
      schemaVersion: STORE_VERSION,
      notes: [...this.notes.values()],
      tombstones: [...this.tombstones.values()],
      corrections: [...this.corrections.values()],
      correctionTombstones: [...this.correctionTombstones.values()],
      favourites: this.favourites,
      settings: this.settings,
      sync: this.sync,
      device: this.device,
    }
  }

  /** The corrections and their tombstones of `data`, in place of those here; a withdrawn one is not taken. */
  #loadCorrections(data: Pick<UserData, 'corrections' | 'correctionTombstones'>): void {
    this.corrections.clear()
    this.correctionTombstones.clear()
    for (const tombstone of data.correctionTombstones) this.correctionTombstones.set(tombstone.id, tombstone)
    for (const correction of data.corrections)
      if (!this.correctionTombstones.has(correction.id)) this.corrections.set(correction.id, correction)
  }

  async #compact(): Promise<void> {
    const data = this.#checkedData()
    await this.#writeSnapshot(data)
    // A crash between these two steps replays changes the snapshot already has; every entry is idempotent.
    await this.journal.reset()
    this.#journalEpoch++
  }

  /** The store as it is now, checked by the rules it is read with: what could not be read back is never written. */
  #checkedData(): UserData {
    const data = this.toData()
    refuseUnreadable(checkBeforeWrite(data))
    return data
  }

  /**
   * Writes the snapshot, one write at a time: a fold under way finishes before another begins (the last wins).
   * 'checked later': a fold's, checked (a slice at a time) and encoded after the saves already asked for.
   */
  #writing: Promise<void> = Promise.resolve()
  #writeSnapshot(data: UserData, checkedLater?: 'checked later'): Promise<void> {
    const run = this.#writing.then(async () => {
      if (checkedLater) {
        await new Promise((resolve) => setImmediate(resolve))
        refuseUnreadable(await runInSlices(checkBeforeWriteInSteps(data), BACKGROUND_SLICE_MS))
      }
      this.#snapshot.data = data
      await this.#snapshot.write()
    })
    this.#writing = run.catch(() => undefined)
    return run
  }

  /**
   * A change saved by an older version, as this one would have saved it: a note without a version is one more
   * change here of it; one without a shared mark is personal, its author not known; a withdrawal leaves its
   * tombstone. Null: a change that changes nothing.
   */
  #upgrade(entry: ReadEntry): JournalEntry | null {
    const versioned = (note: v.InferOutput<typeof LegacyNote>): Note => {
      if (note.versions && note.conflictOf !== undefined && note.shared !== undefined && note.author !== undefined) return note as Note
      const before = this.notes.get(note.id)
      return {
        ...note,
        versions: note.versions ?? (before ? bumpVersion(before.versions, this.device.id) : firstVersion(this.device.id)),
        conflictOf: note.conflictOf ?? null,
        shared: note.shared ?? false,
        author: note.author ?? null,
      }
    }
    if (entry.op === 'put-note') return { op: 'put-note', note: versioned(entry.note) }
    if (entry.op === 'put-notes') {
      // Each note of an import is new or replaces one already read: in order, as they would have been applied.
      const notes: Note[] = []
      for (const note of entry.notes) {
        const next = versioned(note)
        notes.push(next)
        this.notes.set(next.id, next)
      }
      return { op: 'put-notes', notes }
    }
    if (entry.op === 'delete-correction' && !('deleted' in entry)) {
      // A withdrawal from before corrections travelled: its tombstone, dated as it is replayed (shortly after it
      // was made: only a crash leaves a change in the log). One of an id no correction ever had changes nothing.
      if (!v.is(CorrectionTombstone.entries.id, entry.id)) return null
      return { op: 'delete-correction', id: entry.id, deleted: new Date().toISOString() }
    }
    return entry
  }

  #applyInMemory(entry: JournalEntry): void {
    switch (entry.op) {
      case 'put-note':
        this.notes.set(entry.note.id, entry.note)
        break
      case 'delete-note':
        this.notes.delete(entry.id)
        break
      case 'put-notes':
        for (const note of entry.notes) this.notes.set(note.id, note)
        break
      case 'put-correction':
        // A withdrawal is final: a withdrawn correction brought back from a file set aside stays withdrawn (as it
        // would be at the next exchange with any device that heard of the withdrawal).
        if (!this.correctionTombstones.has(entry.correction.id)) this.corrections.set(entry.correction.id, entry.correction)
        break
      case 'delete-correction':
        this.corrections.delete(entry.id)
        this.correctionTombstones.set(entry.id, { id: entry.id, deleted: entry.deleted })
        break
      case 'set-favourites':
        this.favourites = entry.favourites
        break
      case 'set-settings':
        this.settings = entry.settings
        break
      case 'merge':
        for (const id of entry.remove) this.notes.delete(id)
        for (const note of entry.notes) this.notes.set(note.id, note)
        for (const tombstone of entry.tombstones) this.tombstones.set(tombstone.id, tombstone)
        for (const correction of entry.corrections ?? [])
          if (!this.correctionTombstones.has(correction.id)) this.corrections.set(correction.id, correction)
        for (const tombstone of entry.correctionTombstones ?? []) {
          this.corrections.delete(tombstone.id)
          this.correctionTombstones.set(tombstone.id, tombstone)
        }
        break
      case 'set-sync':
        this.sync = entry.sync
        break
    }
  }
}
