/** Everything a shell (desktop or browse) needs to serve the contract: the lock, the store, the pack, the services. */
import type { ContentPack } from '../shared/content/schema'
import { PackError, loadPack } from './content/load-pack'
import { installedPackIfNewer } from './content/pack-update'
import { createDispatch, createHandlers, type AppContext, type Dispatch } from './handlers'
import { ContentService } from './services/content-service'
import { NotesService } from './services/notes-service'
import { UserService } from './services/user-service'
import type { NoteTarget } from '../shared/domain'
import { acquireStoreLock } from './store/lock'
import { UserStore } from './store/user-store'

export interface StartOptions {
  userDataDir: string
  packDir: string
  shell: AppContext['shell']
  version: string
  openExternal: AppContext['openExternal']
  /** The desktop shell's PDF export; absent in browse, where the page prints itself. */
  exportPdf?: AppContext['exportPdf']
}

export interface RunningApp {
  ctx: AppContext
  dispatch: Dispatch
  close(): Promise<void>
}

export async function startApp(options: StartOptions): Promise<RunningApp> {
  const lock = await acquireStoreLock(options.userDataDir, options.shell)
  try {
    const store = await UserStore.open(options.userDataDir)
    let shipped: ContentPack | PackError
    try {
      shipped = await loadPack(options.packDir)
    } catch (error) {
      shipped = error instanceof PackError ? error : new PackError('The reference pack could not be loaded.', [String(error)])
    }
    // A newer pack the user installed from a file wins over the one that shipped with the app.
    const installed = await installedPackIfNewer(options.userDataDir, shipped instanceof Error ? null : shipped)
    const pack = installed ?? shipped
    // The services ask ctx for the pack each time: installing a new one swaps it for all of them.
    const ctx = {} as AppContext
    const describeTarget = (target: NoteTarget) => (ctx.content instanceof Error ? null : ctx.content.describeTarget(target))
    Object.assign(ctx, {
      version: options.version,
      shell: options.shell,
      userDataDir: options.userDataDir,
      content: pack instanceof Error ? pack : new ContentService(pack),
      store,
      notes: new NotesService({
        store,
        describeTarget,
        nameIndex: () => (ctx.content instanceof Error ? new Map() : ctx.content.nameIndex),
      }),
      user: new UserService(store, (target) => describeTarget(target) !== null),
      storeNotice: store.notice,
      openExternal: options.openExternal,
      exportPdf: options.exportPdf ?? (async () => false),
    } satisfies AppContext)
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
