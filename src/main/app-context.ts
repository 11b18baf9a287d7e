/** Everything a shell (desktop or browse) needs to serve the contract: the lock, the store, the pack, the services. */
import { SHIPPED_PACK_KEYS, type TrustedPackKey } from './content/pack-signature'
import { createDispatch, createHandlers, type AppContext, type Dispatch } from './handlers'
import { NotesService } from './services/notes-service'
import { PackService } from './services/pack-service'
import { RecoveryService } from './services/recovery-service'
import { UserService } from './services/user-service'
import type { NoteTarget } from '../shared/domain'
import { acquireStoreLock } from './store/lock'
import { JOURNAL_FILE, UserStore } from './store/user-store'
import { dataFolderError, folderBefore, undoFailedStart } from './data-folder-errors'

export interface StartOptions {
  userDataDir: string
  packDir: string
  shell: AppContext['shell']
  version: string
  openExternal: AppContext['openExternal']
  /** The desktop shell's PDF export; absent in browse, where the page prints itself. */
  exportPdf?: AppContext['exportPdf']
  /**
   * The keys a pack file must be signed with; the keys this build ships (pack-keys.json) unless a test or
   * `npm run browse --pack-keys` says otherwise. The desktop entry point never sets it, and nothing a user hands
   * the app (a pack file, the data folder) can reach it.
   */
  trustedPackKeys?: readonly TrustedPackKey[]
}

export interface RunningApp {
  ctx: AppContext
  dispatch: Dispatch
  close(): Promise<void>
}

/**
 * A data folder that cannot be used (read-only, full, a file, a path through a file…) is refused in one paragraph
 * that says what and where (data-folder-errors.ts), and whatever the attempt created there is removed again.
 */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const before = await folderBefore(options.userDataDir)
  try {
    return await startIn(options)
  } catch (error) {
    await undoFailedStart(before, [JOURNAL_FILE])
    throw dataFolderError(options.userDataDir, error, options.shell) ?? error
  }
}

async function startIn(options: StartOptions): Promise<RunningApp> {
  const lock = await acquireStoreLock(options.userDataDir, options.shell)
  try {
    const store = await UserStore.open(options.userDataDir)
    const packs = await PackService.open({
      userDataDir: options.userDataDir,
      packDir: options.packDir,
      trustedKeys: options.trustedPackKeys ?? SHIPPED_PACK_KEYS,
      noteTargets: () => [...store.notes.values()].filter((n) => !n.trashed).map((n) => n.target),
    })
    // The services ask ctx for the pack each time (ctx.content reads packs.current()): installing a new one swaps it for all of them.
    const ctx = {} as AppContext
    const describeTarget = (target: NoteTarget) => (ctx.content instanceof Error ? null : ctx.content.describeTarget(target))
    Object.assign(ctx, {
      version: options.version,
      shell: options.shell,
      userDataDir: options.userDataDir,
      packs,
      store,
      notes: new NotesService({
        store,
        describeTarget,
        nameIndex: () => (ctx.content instanceof Error ? new Map() : ctx.content.nameIndex),
      }),
      user: new UserService(store, (target) => describeTarget(target) !== null),
      recovery: new RecoveryService(store),
      storeNotice: store.notice,
      openExternal: options.openExternal,
      exportPdf: options.exportPdf ?? (async () => false),
    } satisfies Omit<AppContext, 'content'>)
    Object.defineProperty(ctx, 'content', { get: () => packs.current(), enumerable: true })
    return {
      ctx,
      dispatch: createDispatch(createHandlers(ctx)),
      close: async () => {
        await store.close()
        await lock.release()
      },
    }
  } catch (error) {
    await lock.release()
    throw error
  }
}
