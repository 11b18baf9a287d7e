/**
 * Synchronisation as the renderer sees it: the status main keeps (services/sync), read when asked and, while a
 * folder is chosen, every few seconds, so that notes that arrived from the user's other devices or the team show
 * up in the open views (noteEvents 'arrived') without a reload. Main has no way to call the page; a status read is
 * a few hundred bytes, so polling is the simple way.
 */
import type { SyncProblemCode, SyncStatus } from '../../shared/domain'
import { api } from './api'
import type { MessageKey } from './i18n.svelte'
import { noteEvents } from './note-events'

/** How often the status is read while a folder is chosen. */
const POLL_MS = 3000

const changedAt = (status: SyncStatus): string => `${status.notesChanged ?? ''}|${status.team.notesChanged ?? ''}`

class SyncState {
  status = $state<SyncStatus | null>(null)
  #timer: ReturnType<typeof setInterval> | null = null

  /** Reads the status now (and starts or stops polling to match it). */
  async refresh(): Promise<SyncStatus> {
    return this.take(await api().sync.status({}))
  }

  /** Takes a status an action returned: notes that arrived with it are announced, polling follows it. */
  take(next: SyncStatus): SyncStatus {
    const before = this.status
    this.status = next
    if (before && changedAt(before) !== changedAt(next)) noteEvents.emit({ type: 'arrived' })
    const active = next.folder !== null || next.team.folder !== null
    if (active && !this.#timer) this.#timer = setInterval(() => void this.refresh().catch(() => undefined), POLL_MS)
    if (!active && this.#timer) {
      clearInterval(this.#timer)
      this.#timer = null
    }
    return next
  }

  /** Whether the shared notebook is in use here (a team folder is chosen): notes then offer to be shared. */
  get teamActive(): boolean {
    return this.status?.team.folder != null
  }
}

export const sync = new SyncState()

/** Every problem main may report has its words (SyncFolderChoice words them by code; a missing one is a type error). */
const everyProblemWorded: `sync.problem.${SyncProblemCode}` extends MessageKey ? true : never = true
void everyProblemWorded
