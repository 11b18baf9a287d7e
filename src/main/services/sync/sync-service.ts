/**
 * Synchronisation through folders that the user's own sync tool replicates (Syncthing, Nextcloud, Dropbox, a
 * share): no network code here, only files (folder-format.ts). Two folders, each optional: the personal sync
 * folder (every note, with its tags, trash state and tombstones) and the team folder (the shared notebook only).
 *
 * Exchanges run one at a time, both folders each time: at start, a second after the notes change here (one
 * exchange for a burst of saves), when a file in a devices folder changes (watched), and every `pollMs` (sync tools
 * replace files in ways a watcher misses, and network shares send no events). The store stays the one writer of
 * the notes: a merge is one change through its queue and journal, like an edit.
 */
import type { SyncStatus } from '../../../shared/domain'
import { saveFailure } from '../../data-folder-errors'
import type { UserStore } from '../../store/user-store'
import { SYNC_SOURCE, SyncChannel, type ChannelKind } from './channel'
import { inThreadReader, type DeviceFileReader } from './device-file-reader'
import { deviceFileName, isDeviceFileName } from './folder-format'
import { checkSyncFolder } from './folders'
import { watchFolder, type FolderWatch } from './watcher'
import { WrittenRecord } from './written-record'

export interface SyncOptions {
  store: UserStore
  now?: () => Date
  /** How long after a change here the exchange waits (more changes meanwhile wait with it). */
  debounceMs?: number
  /** The longest a change here waits for its exchange while more changes keep coming. */
  maxWaitMs?: number
  /** How long after a file changes in a watched folder the exchange waits (a sync tool writes in steps). */
  watchDelayMs?: number
  /** How often the folders are read anyway. */
  pollMs?: number
  /** Watch the devices folders (off in tests that drive exchanges themselves). */
  watch?: boolean
  log?: (message: string, error: unknown) => void
  /** Reads other devices' files (a worker thread in the app); in this thread at once otherwise. */
  reader?: DeviceFileReader
}

/** Changes of the store that change what goes to the folders. */
const NOTE_CHANGES = new Set(['put-note', 'put-notes', 'delete-note', 'merge', 'put-correction', 'delete-correction'])

export class SyncService {
  readonly #store: UserStore
  readonly #now: () => Date
  readonly #debounceMs: number
  readonly #watchDelayMs: number
  readonly #pollMs: number
  readonly #watch: boolean
  readonly #log: (message: string, error: unknown) => void
  readonly #reader: DeviceFileReader
  readonly #channels: Record<ChannelKind, SyncChannel>
  readonly #watches: Partial<Record<ChannelKind, FolderWatch>> = {}
  #record: WrittenRecord | null = null
  #current: Promise<void> | null = null
  #next: Promise<void> | null = null
  #debounce: NodeJS.Timeout | null = null
  /** When the first change not yet exchanged was made (Date.now()), for the debounce's ceiling. */
  #burstStart: number | null = null
  readonly #maxWaitMs: number
  #poll: NodeJS.Timeout | null = null
  #unsubscribe: (() => void) | null = null
  #closed = false

  constructor(options: SyncOptions) {
    this.#store = options.store
    this.#now = options.now ?? (() => new Date())
    this.#debounceMs = options.debounceMs ?? 1000
    this.#maxWaitMs = options.maxWaitMs ?? 5000
    this.#watchDelayMs = options.watchDelayMs ?? 1000
    this.#pollMs = options.pollMs ?? 30_000
    this.#watch = options.watch ?? true
    this.#log = options.log ?? ((message, error) => console.error(message, error))
    this.#reader = options.reader ?? inThreadReader()
    this.#channels = {
      personal: new SyncChannel('personal', this.#store.sync.folder),
      team: new SyncChannel('team', this.#store.sync.teamFolder),
    }
  }

  /** Starts listening to the store and the clock, and exchanges at once (not awaited: the first view comes first). */
  start(): void {
    if (this.#unsubscribe || this.#closed) return
    this.#unsubscribe = this.#store.onChange((entry, source) => {
      if (entry === null) {
        // A new device id, or a backup restored: everything is read again and written anew.
        for (const channel of this.#all()) channel.forget()
        this.#soon(0)
        return
      }
      if (!NOTE_CHANGES.has(entry.op)) return
      for (const channel of this.#all()) channel.markDirty()
      // An exchange's own merge is written out by that exchange.
      if (source !== SYNC_SOURCE) this.#soon(this.#debounceMs)
    })
    if (this.#pollMs > 0) {
      this.#poll = setInterval(() => void this.exchange(), this.#pollMs)
      this.#poll.unref()
    }
    if (this.#active()) void this.exchange()
  }

  status(): SyncStatus {
    return { ...this.#channels.personal.status, team: this.#channels.team.status, device: { ...this.#store.device } }
  }

  /** Chooses the sync folder (null: none). The folder is checked first (folders.ts); then the notes are exchanged. */
  setFolder(folder: string | null): Promise<SyncStatus> {
    return this.#choose('personal', folder)
  }

  /** Chooses the team folder (null: leave it; the shared notes stay here, as they are). */
  setTeamFolder(folder: string | null): Promise<SyncStatus> {
    return this.#choose('team', folder)
  }

  async exchangeNow(): Promise<SyncStatus> {
    await this.exchange()
    return this.status()
  }

  /**
   * Names this device as colleagues and the user's other devices see it. Its file is written again at once with
   * the new name; notes keep the author name they were written under.
   */
  async renameDevice(name: string): Promise<SyncStatus> {
    try {
      await this.#store.renameDevice(name)
    } catch (error) {
      throw saveFailure(this.#store.folder, error)
    }
    for (const channel of this.#all()) channel.forget()
    return this.exchangeNow()
  }

  /** This installation takes a new device id (a copied installation keeps the old one); every note is kept. */
  async newDeviceId(): Promise<SyncStatus> {
    try {
      await this.#store.renewDevice()
    } catch (error) {
      throw saveFailure(this.#store.folder, error)
    }
    return this.exchangeNow()
  }

  /** One exchange with each chosen folder, after the one running (if any): requests meanwhile share it. */
  exchange(): Promise<void> {
    if (this.#closed) return Promise.resolve()
    if (!this.#current) {
      this.#current = this.#exchangeAll().finally(() => (this.#current = null))
      return this.#current
    }
    this.#next ??= this.#current.then(() => {
      this.#next = null
      return this.exchange()
    })
    return this.#next
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#unsubscribe?.()
    if (this.#debounce) clearTimeout(this.#debounce)
    if (this.#poll) clearInterval(this.#poll)
    for (const kind of ['personal', 'team'] as const) this.#unwatch(kind)
    await this.#next?.catch(() => undefined)
    await this.#current?.catch(() => undefined)
    this.#reader.close()
  }

  #all(): SyncChannel[] {
    return [this.#channels.personal, this.#channels.team]
  }

  #active(): boolean {
    return this.#all().some((c) => c.folder !== null)
  }

  async #choose(kind: ChannelKind, given: string | null): Promise<SyncStatus> {
    const other = kind === 'personal' ? this.#store.sync.teamFolder : this.#store.sync.folder
    const folder =
      given === null
        ? null
        : await checkSyncFolder(given, {
            role: kind === 'personal' ? 'sync' : 'team',
            userDataDir: this.#store.folder,
            otherFolder: other,
          })
    const sync = { ...this.#store.sync, [kind === 'personal' ? 'folder' : 'teamFolder']: folder }
    try {
      await this.#store.apply({ op: 'set-sync', sync })
    } catch (error) {
      throw saveFailure(this.#store.folder, error)
    }
    // An exchange running with the old folder stops at its next step (SyncChannel #generation), and is waited for;
    // the next one reads the new.
    this.#unwatch(kind)
    this.#channels[kind].setFolder(folder)
    await this.#current?.catch(() => undefined)
    return this.exchangeNow()
  }

  /**
   * Exchanges `delay` after the last of a burst of changes, but never later than `maxWaitMs` after the first of
   * them: saves every second while someone types would otherwise put the exchange off for as long as they type.
   */
  #soon(delay: number): void {
    if (this.#closed || !this.#active()) return
    const now = Date.now()
    this.#burstStart ??= now
    const wait = Math.max(0, Math.min(delay, this.#burstStart + this.#maxWaitMs - now))
    if (this.#debounce) clearTimeout(this.#debounce)
    this.#debounce = setTimeout(() => {
      this.#debounce = null
      this.#burstStart = null
      void this.exchange()
    }, wait)
    this.#debounce.unref()
  }

  async #exchangeAll(): Promise<void> {
    if (!this.#active()) return
    this.#reader.prepare()
    this.#record ??= await WrittenRecord.open(this.#store.folder)
    // The personal folder again after the team folder when what the team brought changed the notes: they go to
    // this device's other machines at once, not at the next poll.
    for (const [pass, kind] of (['personal', 'team', 'personal'] as const).entries()) {
      if (this.#closed) return
      const channel = this.#channels[kind]
      if (pass === 2 && (!channel.dirty || channel.folder === null || this.#channels.team.folder === null)) continue
      try {
        await channel.exchange({
          store: this.#store,
          record: this.#record,
          now: this.#now,
          read: (path, options) => this.#reader.read(path, options),
        })
      } catch (error) {
        // Every expected failure is a status; this is a bug, kept from stopping the other folder.
        this.#log(`sync with the ${kind} folder failed`, error)
      }
      this.#keepWatching(kind)
    }
  }

  #keepWatching(kind: ChannelKind): void {
    if (!this.#watch || this.#closed) return
    const folder = this.#channels[kind].watchable
    const current = this.#watches[kind]
    if (current && !current.closed && current.folder === folder) return
    this.#unwatch(kind)
    if (folder === null) return
    const own = () => deviceFileName(this.#store.device.id)
    const watch = watchFolder(
      folder,
      (name) => isDeviceFileName(name) && name !== own(),
      () => this.#soon(this.#watchDelayMs),
    )
    if (watch) this.#watches[kind] = watch
  }

  #unwatch(kind: ChannelKind): void {
    this.#watches[kind]?.close()
    delete this.#watches[kind]
  }
}
