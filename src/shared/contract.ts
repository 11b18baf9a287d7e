/**
 * The contract: every call between renderer and main, with the runtime schema of its input and the type of
 * its result. Main parses every input with these schemas; both bridges (preload, browser) are typed by `AtlasApi`.
 */
import * as v from 'valibot'
import type { CallName } from './call-names'
import type { CallResult } from './errors'
import type { AppStatus, Note, OrganisationProfile, OrganisationSummary } from './domain'
import { Id, type ContentPack } from './content/schema'

/** Largest note body, in UTF-8 bytes. */
export const MAX_NOTE_BYTES = 1024 * 1024
export const MAX_TAGS = 50

const NoInput = v.strictObject({})
const NoteTarget = v.strictObject({ kind: v.picklist(['organisation', 'event', 'pillar']), id: Id })
const NoteId = v.pipe(v.string(), v.uuid('a note id is a UUID'))
const NoteBody = v.pipe(
  v.string(),
  v.check(
    (body) => new TextEncoder().encode(body).length <= MAX_NOTE_BYTES,
    `a note can hold at most ${MAX_NOTE_BYTES / 1024 / 1024} MB of text`,
  ),
)

const call = <I extends v.GenericSchema>(input: I) => ({
  returns: <R>() => ({ input, result: undefined as unknown as R }),
})

export const contract = {
  'app.status': call(NoInput).returns<AppStatus>(),
  'shell.openExternal': call(v.strictObject({ url: v.pipe(v.string(), v.maxLength(2048)) })).returns<{ opened: boolean }>(),
  /** The whole read-only reference pack, for the views that draw on all of it (timeline, network, map, plan, search). */
  'content.pack': call(NoInput).returns<ContentPack>(),
  'organisations.list': call(NoInput).returns<OrganisationSummary[]>(),
  'organisations.get': call(v.strictObject({ id: Id })).returns<OrganisationProfile>(),
  'notes.listFor': call(v.strictObject({ target: NoteTarget })).returns<Note[]>(),
  'notes.create': call(v.strictObject({ target: NoteTarget, body: NoteBody })).returns<Note>(),
  'notes.update': call(v.strictObject({ id: NoteId, body: NoteBody })).returns<Note>(),
  'notes.delete': call(v.strictObject({ id: NoteId })).returns<{ id: string }>(),
} satisfies Record<CallName, { input: v.GenericSchema; result: unknown }>

export type Contract = typeof contract
export type CallInput<K extends CallName> = v.InferInput<Contract[K]['input']>
export type ParsedInput<K extends CallName> = v.InferOutput<Contract[K]['input']>
export type CallOutput<K extends CallName> = Contract[K]['result']

type GroupOf<K> = K extends `${infer G}.${string}` ? G : never
type MethodOf<K, G extends string> = K extends `${G}.${infer M}` ? M : never

/** `window.atlas`: one async function per call, grouped by the part before the dot. */
export type AtlasApi = {
  [G in GroupOf<CallName>]: {
    [M in MethodOf<CallName, G>]: (input: CallInput<`${G}.${M}` & CallName>) => Promise<CallResult<CallOutput<`${G}.${M}` & CallName>>>
  }
}
