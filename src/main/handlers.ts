/**
 * The handler table: one function per contract call, and `dispatch`, which parses the input with the call's
 * schema before any handler runs. Free of Electron, so the desktop IPC layer, the browse server and the tests
 * all drive this same code.
 */
import * as v from 'valibot'
import { CALL_NAMES, type CallName } from '../shared/call-names'
import { contract, type CallOutput, type ParsedInput } from '../shared/contract'
import type { AppStatus, NoteTarget } from '../shared/domain'
import { ServiceError, type CallResult } from '../shared/errors'
import { isAllowedExternalUrl } from './external-url'
import type { PackError } from './content/load-pack'
import type { ContentService } from './services/content-service'
import type { PackService } from './services/pack-service'
import type { NotesService } from './services/notes-service'
import { exportJson, exportMarkdownZip, importNotes } from './services/notes-transfer'
import type { RecoveryService } from './services/recovery-service'
import type { UserService } from './services/user-service'
import type { UserStore } from './store/user-store'

export interface AppContext {
  version: string
  shell: AppStatus['shell']
  /** The pack in use (packs.current()), or why it could not be loaded: the app still starts and says so. */
  readonly content: ContentService | PackError
  /** The only owner of the pack in use: installs, goes back to the shipped one, and says where it came from. */
  packs: PackService
  store: UserStore
  notes: NotesService
  user: UserService
  /** Backups and set-aside files: listed, exported, brought back. */
  recovery: RecoveryService
  storeNotice: string | null
  /** Where the user's data and installed content packs live. */
  userDataDir: string
  /** Saves the window's page as a PDF (desktop: a save dialog and printToPDF); returns false where the shell has none. */
  exportPdf: (fileName: string) => Promise<boolean>
  /** Opens a checked https URL outside the app; returns whether it did (the browse shell leaves it to the page). */
  openExternal: (url: string) => Promise<boolean>
}

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K> }

function content(ctx: AppContext): ContentService {
  if (ctx.content instanceof Error) throw new ServiceError('pack-unavailable', ctx.content.message, ctx.content.problems)
  return ctx.content
}

const describe = (ctx: AppContext) => (target: NoteTarget) => (ctx.content instanceof Error ? null : ctx.content.describeTarget(target))

export function createHandlers(ctx: AppContext): Handlers {
  return {
    'app.status': () => ({
      version: ctx.version,
      shell: ctx.shell,
      pack: ctx.packs.status(),
      storeNotice: ctx.storeNotice,
    }),
    'shell.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new ServiceError(
          'invalid-input',
          `Only https links to a named host open outside the app; "${url.slice(0, 100)}" was refused.`,
        )
      }
      // The URL as checked, not as sent: another parser (the system's) must not read "https://a.coop\@b.example" or a
      // URL with a tab or newline in it differently from the WHATWG parser that checked it.
      return { opened: await ctx.openExternal(new URL(url).href) }
    },
    'shell.exportPdf': async ({ fileName }) => ({ exported: await ctx.exportPdf(fileName) }),
    'content.pack': () => content(ctx).pack,
    'organisations.list': () => content(ctx).listOrganisations(),
    'organisations.get': ({ id }) => content(ctx).getOrganisation(id),
    'notes.listFor': ({ target }) => ctx.notes.listFor(target),
    'notes.listAll': () => ctx.notes.listAll(),
    'notes.backlinks': ({ id }) => ctx.notes.backlinks(id),
    'notes.tags': () => ctx.notes.tags(),
    'notes.create': ({ target, body, tags }) => ctx.notes.create(target, body, tags),
    'notes.update': ({ id, body, tags }) => ctx.notes.update(id, { body, tags }),
    'notes.trash': ({ id }) => ctx.notes.trash(id),
    'notes.restore': ({ id }) => ctx.notes.restore(id),
    'notes.emptyTrash': () => ctx.notes.emptyTrash(),
    'notes.exportJson': () => exportJson(ctx.store),
    'notes.exportMarkdown': () => exportMarkdownZip(ctx.store, describe(ctx)),
    'notes.importPreview': ({ text }) => importNotes(ctx.store, text, false),
    'notes.importApply': ({ text }) => importNotes(ctx.store, text, true),
    'favourites.list': () => ctx.user.favourites(),
    'favourites.set': ({ id, favourite }) => ctx.user.setFavourite(id, favourite),
    'settings.get': () => ctx.user.settings(),
    'settings.update': (change) =>
      ctx.user.updateSettings(Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined))),
    'corrections.list': () => ctx.user.corrections(),
    'corrections.create': (input) => ctx.user.addCorrection(input),
    'corrections.delete': ({ id }) => ctx.user.deleteCorrection(id),
    'corrections.export': () => ctx.user.exportCorrections(ctx.content instanceof Error ? 'unknown' : ctx.content.pack.packVersion),
    'pack.previewUpdate': ({ text }) => ctx.packs.preview(text),
    'pack.installUpdate': ({ text }) => ctx.packs.install(text),
    'pack.useShipped': () => ctx.packs.useShipped(),
    'backups.list': () => ctx.recovery.backups(),
    'backups.restore': ({ name }) => ctx.recovery.restoreBackup(name),
    'backups.export': ({ name }) => ctx.recovery.exportBackup(name),
    'setAside.list': () => ctx.recovery.setAside(),
    'setAside.export': ({ name }) => ctx.recovery.exportSetAside(name),
    'setAside.previewRestore': ({ name }) => ctx.recovery.restoreSetAside(name, false),
    'setAside.restore': ({ name }) => ctx.recovery.restoreSetAside(name, true),
  }
}

const isCallName = (name: string): name is CallName => (CALL_NAMES as readonly string[]).includes(name)

/** A refusal explains itself in a sentence; it never echoes megabytes of input back (valibot quotes what it received). */
const clip = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max)}…` : text)

export type Dispatch = (name: string, input: unknown) => Promise<CallResult<unknown>>

/** Parses, runs, and turns every outcome into a typed result; nothing a caller sends can throw past here. */
export function createDispatch(handlers: Handlers, log: (message: string, error: unknown) => void = console.error): Dispatch {
  return async (name, input) => {
    if (!isCallName(name))
      return { ok: false, error: { code: 'unknown-call', message: `There is no call named "${String(name).slice(0, 80)}".` } }
    const parsed = v.safeParse(contract[name].input, input)
    if (!parsed.success) {
      const details = parsed.issues.slice(0, 10).map((i) => clip(`${v.getDotPath(i) ?? 'input'}: ${i.message}`))
      return { ok: false, error: { code: 'invalid-input', message: `The request "${name}" was refused: ${details[0]}.`, details } }
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      return { ok: true, value: await handler(parsed.output) }
    } catch (error) {
      if (error instanceof ServiceError) {
        const details = error.details?.map((d) => clip(d))
        return { ok: false, error: { code: error.code, message: clip(error.message, 1000), ...(details ? { details } : {}) } }
      }
      log(`call ${name} failed`, error)
      return { ok: false, error: { code: 'internal', message: `Something went wrong while handling "${name}". Nothing was changed.` } }
    }
  }
}
