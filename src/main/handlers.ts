/**
 * The handler table: one function per contract call, and `dispatch`, which parses the input with the call's
 * schema before any handler runs. Free of Electron, so the desktop IPC layer, the browse server and the tests
 * all drive this same code.
 */
import * as v from 'valibot'
import { CALL_NAMES, type CallName } from '../shared/call-names'
import { contract, type CallOutput, type ParsedInput } from '../shared/contract'
import { ServiceError, type CallResult } from '../shared/errors'
import type { AppContext } from './app-context'

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K> }

export function createHandlers(ctx: AppContext): Handlers {
  return {
    'app.status': () => ({
      version: ctx.version,
      shell: ctx.shellKind,
      pack: ctx.packs.status(),
      storeNotice: ctx.storeNotice,
      device: { ...ctx.store.device },
    }),
    'shell.openExternal': ({ url }) => ctx.shell.openExternal(url),
    'shell.exportPdf': ({ fileName }) => ctx.shell.exportPdf(fileName),
    'shell.chooseFolder': ({ title }) => ctx.shell.chooseFolder(title),
    'shell.copyText': ({ text }) => ctx.shell.copyText(text),
    'content.pack': () => ctx.packs.inUse().pack,
    'organisations.list': () => ctx.packs.inUse().listOrganisations(),
    'organisations.get': ({ id }) => ctx.packs.inUse().getOrganisation(id),
    'notes.listFor': ({ target, limit, through }) => ctx.notes.pageFor(target, limit, through),
    'notes.listAll': () => ctx.notes.listAll(),
    'notes.backlinks': ({ id, limit }) => ctx.notes.backlinksPage(id, limit),
    'notes.page': (request) => ctx.notes.page(request),
    'notes.tags': () => ctx.notes.tags(),
    'notes.search': ({ query, limit, locale }) => ctx.noteSearch.search(query, limit, locale),
    'notes.create': ({ target, body, tags, alsoAbout }) => ctx.notes.create(target, body, tags, alsoAbout),
    'notes.update': ({ id, body, tags, subjects, base }) => ctx.notes.update(id, { body, tags, subjects }, base),
    'notes.trash': ({ id, base }) => ctx.notes.trash(id, base),
    'notes.restore': ({ id, base }) => ctx.notes.restore(id, base),
    'notes.setShared': ({ id, shared, base }) => ctx.notes.setShared(id, shared, base),
    'notes.emptyTrash': () => ctx.notes.emptyTrash(),
    'notes.exportJson': () => ctx.transfer.exportJson(),
    'notes.exportMarkdown': ({ locale }) => ctx.transfer.exportMarkdown(locale),
    'notes.importPreview': ({ text }) => ctx.transfer.importPreview(text),
    'notes.importApply': ({ text }) => ctx.transfer.importApply(text),
    'notes.importMarkdownPreview': (source) => ctx.markdownImport.preview(source),
    'notes.importMarkdownApply': (source) => ctx.markdownImport.apply(source),
    'favourites.list': () => ctx.user.favourites(),
    'favourites.set': ({ id, favourite }) => ctx.user.setFavourite(id, favourite),
    'settings.get': () => ctx.user.settings(),
    'settings.update': (change) =>
      ctx.user.updateSettings(Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined))),
    'corrections.list': () => ctx.user.corrections(),
    'corrections.create': (input) => ctx.user.addCorrection(input),
    'corrections.delete': ({ id }) => ctx.user.deleteCorrection(id),
    'corrections.export': () => ctx.user.exportCorrections(ctx.packs.versionInUse()),
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
    'sync.status': () => ctx.sync.status(),
    'sync.setFolder': ({ folder }) => ctx.sync.setFolder(folder),
    'sync.setTeamFolder': ({ folder }) => ctx.sync.setTeamFolder(folder),
    'sync.exchangeNow': () => ctx.sync.exchangeNow(),
    'sync.newDeviceId': () => ctx.sync.newDeviceId(),
    'sync.renameDevice': ({ name }) => ctx.sync.renameDevice(name),
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
      const wording = { key: 'request-refused' as const, values: { path: clip(v.getDotPath(parsed.issues[0]) ?? 'input', 200) } }
      return { ok: false, error: { code: 'invalid-input', message: `The request "${name}" was refused: ${details[0]}.`, details, wording } }
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      return { ok: true, value: await handler(parsed.output) }
    } catch (error) {
      if (error instanceof ServiceError) {
        const details = error.details?.map((d) => clip(d))
        const wording = error.wording && {
          ...error.wording,
          values: Object.fromEntries(
            Object.entries(error.wording.values).map(([k, value]) => [k, typeof value === 'string' ? clip(value) : value]),
          ),
        }
        return {
          ok: false,
          error: { code: error.code, message: clip(error.message, 1000), ...(details ? { details } : {}), ...(wording ? { wording } : {}) },
        }
      }
      log(`call ${name} failed`, error)
      return { ok: false, error: { code: 'internal', message: `Something went wrong while handling "${name}". Nothing was changed.` } }
    }
  }
}
