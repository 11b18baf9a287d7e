/** Everything a shell (desktop or browse) needs to serve the contract: the lock, the store, the pack, the services. */
import { PackError, loadPack } from './content/load-pack'
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
    let content: ContentService | PackError
    try {
      content = new ContentService(await loadPack(options.packDir))
    } catch (error) {
      content = error instanceof PackError ? error : new PackError('The reference pack could not be loaded.', [String(error)])
    }
    const describeTarget = (target: NoteTarget) => (content instanceof Error ? null : content.describeTarget(target))
    const notes = new NotesService({
      store,
      describeTarget,
      nameIndex: () => (content instanceof Error ? new Map() : content.nameIndex),
    })
    const user = new UserService(store, (target) => describeTarget(target) !== null)
    const ctx: AppContext = {
      version: options.version,
      shell: options.shell,
      content,
      store,
      notes,
      user,
      storeNotice: store.notice,
      openExternal: options.openExternal,
    }
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
