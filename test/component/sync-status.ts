/** Sync statuses as main answers them (shared/domain.ts SyncStatus), for component tests. */
import type { SyncFolderStatus, SyncStatus } from '../../src/shared/domain'

export const ME = '00000000-0000-4000-8000-00000000d0d0'

/** One folder: off when `folder` is null, else exchanged and well, with notes changed at `notesChanged`. */
export const folderStatus = (folder: string | null, notesChanged: string | null = null): SyncFolderStatus => ({
  state: folder ? 'ok' : 'off',
  folder,
  lastExchange: null,
  devices: 0,
  problem: null,
  skipped: 0,
  notesChanged,
})

/** The personal folder, the team folder, and this device (id ME). */
export const syncStatus = (folder: string | null, notesChanged: string | null = null, team = folderStatus(null)): SyncStatus => ({
  ...folderStatus(folder, notesChanged),
  team,
  device: { id: ME, name: 'This laptop' },
})
