/** Devices for sync tests: each a real store in its own temp folder, with its notes and sync services. */
import { afterEach } from 'vitest'
import { NotesService } from '../../../../../src/main/services/notes-service'
import { SyncService, type SyncOptions } from '../../../../../src/main/services/sync/sync-service'
import { UserStore } from '../../../../../src/main/store/user-store'
import type { Note, SyncStatus } from '../../../../../src/shared/domain'

export interface Device {
  dir: string
  store: UserStore
  notes: NotesService
  sync: SyncService
  /** Every note, without the listing's extras, by id. */
  all(): Map<string, Note>
  exchange(): Promise<SyncStatus>
  close(): Promise<void>
}

export const cecop = { kind: 'organisation', id: 'cecop' } as const

export function useDevices(tempDir: () => Promise<string>) {
  const open: Device[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()))
  })
  /** A device over `dir` (a new temp folder by default); exchanges only when told, unless options say otherwise. */
  const device = async (options: Partial<Omit<SyncOptions, 'store'>> & { dir?: string } = {}): Promise<Device> => {
    const { dir: given, ...syncOptions } = options
    const dir = given ?? (await tempDir())
    const store = await UserStore.open(dir)
    const notes = new NotesService({ store, describeTarget: () => 'CECOP', nameIndex: () => new Map() })
    const sync = new SyncService({ store, watch: false, pollMs: 0, debounceMs: 60_000, log: () => undefined, ...syncOptions })
    sync.start()
    let closed = false
    const d: Device = {
      dir,
      store,
      notes,
      sync,
      all: () => new Map([...store.notes.values()].map((n) => [n.id, structuredClone(n)])),
      exchange: () => sync.exchangeNow(),
      close: async () => {
        if (closed) return
        closed = true
        open.splice(open.indexOf(d), 1)
        await sync.close()
        await store.close()
      },
    }
    open.push(d)
    return d
  }
  return { device }
}

/** Exchanges on every device, round after round, until nothing changes (at most `rounds`). */
export async function settle(devices: Device[], rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) for (const d of devices) await d.exchange()
}

/** The notes as a comparable picture: every field but nothing else. */
export const picture = (d: Device) => [...d.all().values()].sort((a, b) => a.id.localeCompare(b.id))
