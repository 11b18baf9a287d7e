/** Everything a shell (desktop or browse) needs to serve the contract: the lock, the store, the pack, the services. */
import { join } from 'node:path'
import type { AppStatus } from '../shared/domain'
import { SHIPPED_PACK_KEYS, type TrustedPackKey } from './content/pack-signature'
import { dataFolderError, folderBefore, undoFailedStart } from './data-folder-errors'
import { createDispatch, createHandlers, type Dispatch } from './handlers'
import { NoteSearch } from './services/note-search/note-search'
import { workerBuilder } from './services/note-search/index-builder'
import { NotesService } from './services/notes-service'
import { NotesTransferService } from './services/notes-transfer'
import { MarkdownImportService } from './services/markdown-import'
import { PackService } from './services/pack-service'
import { RecoveryService } from './services/recovery-service'
import { ShellService, type ShellActions } from './services/shell-service'
import { workerReader } from './services/sync/device-file-reader'
import { SyncService, type SyncOptions } from './services/sync/sync-service'
import { UserService } from './services/user-service'
import { subjectsOf } from '../shared/note-rules'
import { acquireStoreLock } from './store/lock'
import { JOURNAL_FILE, UserStore } from './store/user-store'

/** What the handler table serves from: the services, each the one owner of its part (handlers.ts). */
export interface AppContext {
  version: string
  shellKind: AppStatus['shell']
  /** Said once at start when the store had to be recovered: the user must be told (store/notice-english.ts for logs). */
  storeNotice: AppStatus['storeNotice']
  /** The only owner of the pack in use: installs, goes back to the shipped one, and says where it came from. */
  packs: PackService
  store: UserStore
  notes: NotesService
  /** The notes' word index, kept in step with the store and on disk beside it (services/note-search). */
  noteSearch: NoteSearch
  transfer: NotesTransferService
  /** Markdown files in (a zip, a folder such as an Obsidian vault), through the notes import's preview and merge. */
  markdownImport: MarkdownImportService
  user: UserService
  /** Backups and set-aside files: listed, exported, brought back. */
  recovery: RecoveryService
  shell: ShellService
  /** Synchronisation through the user's sync folder and team folder: runs in both shells (desktop and browse). */
  sync: SyncService
}

export interface StartOptions {
  userDataDir: string
  packDir: string
  shell: AppContext['shellKind']
  version: string
  openExternal: ShellActions['openExternal']
  /** The desktop shell's PDF export; absent in browse, where the page prints itself. */
  exportPdf?: ShellActions['exportPdf']
  /** The desktop shell's folder dialog; absent in browse, where the user types the path. */
  chooseFolder?: ShellActions['chooseFolder']
  /** The desktop shell's clipboard; absent in browse, where the page writes to it. */
  copyText?: ShellActions['copyText']
  /**
   * The keys a pack file must be signed with; the keys this build ships (pack-keys.json) unless a test or
   * `npm run browse --pack-keys` says otherwise. The desktop entry point never sets it, and nothing a user hands
   * the app (a pack file, the data folder) can reach it.
   */
  trustedPackKeys?: readonly TrustedPackKey[]
  /** How often and how soon synchronisation exchanges (tests make it quick); the defaults otherwise. */
  sync?: Omit<SyncOptions, 'store'>
  /**
   * The folder of the built worker threads, beside main's entry points (electron.vite.config.ts): note-index-worker.js
   * builds the notes' index from nothing, device-file-worker.js reads other devices' sync files. Without it, main
   * does that work itself.
   */
  workersDir?: string
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
      noteTargets: () => [...store.notes.values()].filter((n) => !n.trashed).flatMap((n) => subjectsOf(n)),
    })
    // The services ask `packs` for the pack each time: installing a new one swaps it for all of them.
    const describeTarget: PackService['describeTarget'] = (target, locale) => packs.describeTarget(target, locale)
    // Its file is read from now on, in the background: the window opens meanwhile, and a first search waits only
    // for what is left of the read.
    const noteSearch = new NoteSearch({
      store,
      describe: describeTarget,
      packId: () => packs.versionInUse(),
      ...(options.workersDir ? { startBuilder: workerBuilder(join(options.workersDir, 'note-index-worker.js')) } : {}),
    })
    const ctx: AppContext = {
      version: options.version,
      shellKind: options.shell,
      storeNotice: store.notice,
      packs,
      store,
      notes: new NotesService({ store, describeTarget, nameIndex: () => packs.nameIndex(), resolveId: (id) => packs.resolveId(id) }),
      noteSearch,
      transfer: new NotesTransferService(store, describeTarget),
      markdownImport: new MarkdownImportService(store),
      user: new UserService(store, (target) => describeTarget(target) !== null),
      recovery: new RecoveryService(store),
      shell: new ShellService({
        openExternal: options.openExternal,
        exportPdf: options.exportPdf ?? (async () => false),
        ...(options.chooseFolder ? { chooseFolder: options.chooseFolder } : {}),
        ...(options.copyText ? { copyText: options.copyText } : {}),
      }),
      sync: new SyncService({
        ...options.sync,
        store,
        ...(options.workersDir ? { reader: workerReader(join(options.workersDir, 'device-file-worker.js')) } : {}),
      }),
    }
    ctx.sync.start()
    return {
      ctx,
      dispatch: createDispatch(createHandlers(ctx)),
      close: async () => {
        await ctx.sync.close()
        await noteSearch.close()
        await store.close()
        await lock.release()
      },
    }
  } catch (error) {
    await lock.release()
    throw error
  }
}
