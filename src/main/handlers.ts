/**
 * The handler table: one function per contract call, and `dispatch`, which parses the input with the call's
 * schema before any handler runs. Free of Electron, so the desktop IPC layer, the browse server and the tests
 * all drive this same code.
 */
import * as v from 'valibot'
import { CALL_NAMES, type CallName } from '../shared/call-names'
import { contract, type CallOutput, type ParsedInput } from '../shared/contract'
import type { AppStatus } from '../shared/domain'
import { ServiceError, type CallResult } from '../shared/errors'
import { isAllowedExternalUrl } from './external-url'
import type { PackError } from './content/load-pack'
import type { ContentService } from './services/content-service'
import type { NotesService } from './services/notes-service'

export interface AppContext {
  version: string
  shell: AppStatus['shell']
  /** The loaded pack, or why it could not be loaded: the app still starts and says so. */
  content: ContentService | PackError
  notes: NotesService
  storeNotice: string | null
  /** Opens a checked https URL outside the app; returns whether it did (the browse shell leaves it to the page). */
  openExternal: (url: string) => Promise<boolean>
}

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K> }

function content(ctx: AppContext): ContentService {
  if (ctx.content instanceof Error) throw new ServiceError('pack-unavailable', ctx.content.message, ctx.content.problems)
  return ctx.content
}

export function createHandlers(ctx: AppContext): Handlers {
  return {
    'app.status': () => ({
      version: ctx.version,
      shell: ctx.shell,
      pack:
        ctx.content instanceof Error
          ? { ok: false, message: ctx.content.message.split('\n')[0] ?? '', problems: ctx.content.problems }
          : { ok: true, packVersion: ctx.content.pack.packVersion, date: ctx.content.pack.date },
      storeNotice: ctx.storeNotice,
    }),
    'shell.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url))
        throw new ServiceError(
          'invalid-input',
          `Only https links to a named host open outside the app; "${url.slice(0, 100)}" was refused.`,
        )
      return { opened: await ctx.openExternal(url) }
    },
    'content.pack': () => content(ctx).pack,
    'organisations.list': () => content(ctx).listOrganisations(),
    'organisations.get': ({ id }) => content(ctx).getOrganisation(id),
    'notes.listFor': ({ target }) => ctx.notes.listFor(target),
    'notes.create': ({ target, body }) => ctx.notes.create(target, body),
    'notes.update': ({ id, body }) => ctx.notes.update(id, body),
    'notes.delete': ({ id }) => ctx.notes.delete(id),
  }
}

const isCallName = (name: string): name is CallName => (CALL_NAMES as readonly string[]).includes(name)

export type Dispatch = (name: string, input: unknown) => Promise<CallResult<unknown>>

/** Parses, runs, and turns every outcome into a typed result; nothing a caller sends can throw past here. */
export function createDispatch(handlers: Handlers, log: (message: string, error: unknown) => void = console.error): Dispatch {
  return async (name, input) => {
    if (!isCallName(name))
      return { ok: false, error: { code: 'unknown-call', message: `There is no call named "${String(name).slice(0, 80)}".` } }
    const parsed = v.safeParse(contract[name].input, input)
    if (!parsed.success) {
      const details = parsed.issues.slice(0, 10).map((i) => `${v.getDotPath(i) ?? 'input'}: ${i.message}`)
      return { ok: false, error: { code: 'invalid-input', message: `The request "${name}" was refused: ${details[0]}.`, details } }
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      return { ok: true, value: await handler(parsed.output) }
    } catch (error) {
      if (error instanceof ServiceError) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }
      }
      log(`call ${name} failed`, error)
      return { ok: false, error: { code: 'internal', message: `Something went wrong while handling "${name}". Nothing was changed.` } }
    }
  }
}
