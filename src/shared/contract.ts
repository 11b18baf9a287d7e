/**
 * The contract: every call between renderer and main, with the runtime schema of its input and the type of
 * its result. Main parses every input with these schemas; both bridges (preload, browser) are typed by `AtlasApi`.
 */
import * as v from 'valibot'
import type { CallName } from './call-names'
import { MAX_SEARCH_QUERY } from './search-query'
import { Id, type ContentPack } from './content/schema'
import {
  MAX_DEVICE_NAME_LENGTH,
  MAX_SUBJECTS,
  MAX_TAG_LENGTH,
  NoteBody,
  NoteFirstSubject,
  NoteOtherSubjects,
  NoteTarget,
  NoteVersions,
  Tags,
  utf8Within,
} from './note-rules'
import {
  isSafeRelativePath,
  MAX_MARKDOWN_FILE_BYTES,
  MAX_MARKDOWN_FILES,
  MAX_MARKDOWN_TOTAL_BYTES,
  MAX_MARKDOWN_ZIP_BYTES,
} from './markdown-files'
import type {
  AppStatus,
  BackupInfo,
  Correction,
  ExportedFile,
  ImportSummary,
  Note,
  NoteListing,
  NoteSearchResult,
  NoteUpdateResult,
  OrganisationProfile,
  OrganisationSummary,
  PackUpdatePreview,
  RecoverySummary,
  SetAsideInfo,
  Settings,
  SyncStatus,
  TagCount,
} from './domain'
import type { CallResult } from './errors'
import { NOTE_KINDS, NOTE_SORTS } from './notes-filter'
import type { LinkingNote, ListPage, NotesPage } from './notes-page'

/** Largest notes file an import reads, in UTF-8 bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
export const MAX_CORRECTION_LENGTH = 5000
/** Largest content-pack file the app opens, in UTF-8 bytes (the shipped pack is about 0.3 MB). */
export const MAX_PACK_FILE_BYTES = 16 * 1024 * 1024

const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`

const NoInput = v.strictObject({})
const NoteId = v.pipe(v.string(), v.uuid('a note id is a UUID'))
const ImportText = v.strictObject({
  text: v.pipe(
    v.string(),
    v.check((text) => utf8Within(text, MAX_IMPORT_BYTES), `an import file can be at most ${MB(MAX_IMPORT_BYTES)}`),
  ),
})
const PackFileText = v.strictObject({
  text: v.pipe(
    v.string(),
    v.check((text) => utf8Within(text, MAX_PACK_FILE_BYTES), `a content pack file can be at most ${MB(MAX_PACK_FILE_BYTES)}`),
  ),
})
/**
 * Markdown notes to import (services/markdown-import.ts): a zip, base64, or the files of a folder the user picked,
 * with their paths inside it and how many of its files the page left unread (not Markdown, or hidden).
 */
const MarkdownSource = v.variant('from', [
  v.strictObject({
    from: v.literal('zip'),
    base64: v.pipe(
      v.string(),
      v.maxLength(Math.ceil(MAX_MARKDOWN_ZIP_BYTES / 3) * 4, `a zip can be at most ${MB(MAX_MARKDOWN_ZIP_BYTES)}`),
      v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'a zip is sent as base64'),
    ),
  }),
  v.strictObject({
    from: v.literal('folder'),
    files: v.pipe(
      v.array(
        v.strictObject({
          path: v.pipe(
            v.string(),
            v.check((path) => isSafeRelativePath(path) && !path.endsWith('/'), 'a path inside the folder, without .. or a leading /'),
          ),
          text: v.pipe(
            v.string(),
            v.check((text) => utf8Within(text, MAX_MARKDOWN_FILE_BYTES), `a Markdown file can be at most ${MB(MAX_MARKDOWN_FILE_BYTES)}`),
          ),
          modified: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
        }),
      ),
      v.maxLength(MAX_MARKDOWN_FILES, `at most ${MAX_MARKDOWN_FILES} Markdown files are imported at once`),
      v.check(
        (files) => files.reduce((sum, file) => sum + file.text.length, 0) <= MAX_MARKDOWN_TOTAL_BYTES,
        `the files can hold at most ${MB(MAX_MARKDOWN_TOTAL_BYTES)} of text together`,
      ),
    ),
    skipped: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  }),
])

/** How many notes of a list to send at once. */
const PageLimit = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))
/** A note a list must reach (a link to it): any id; one that is no note's (typed by hand) leads nowhere. */
const ThroughNote = v.pipe(v.string(), v.maxLength(100))

const ShortText = (max: number, what: string) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, `${what} is empty`), v.maxLength(max, `${what} can be at most ${max} characters long`))

/** A backup's name: in the backups folder, or in a folder of backups kept at a recovery (kept-<when>/…). */
const BackupName = v.pipe(v.string(), v.regex(/^(kept-[0-9TZ-]+\/)?(store|daily)-[0-9TZ-]+\.json$/, 'not a backup name'))
/** A set-aside file's name: beside the store, never a path (set-aside.ts lists what these look like). */
const SetAsideName = v.pipe(
  v.string(),
  v.maxLength(120),
  v.regex(/^coop-atlas-(store\.[a-z-]+-[0-9TZ-]+\.json|changes\.jsonl\.damaged-[0-9TZ-]+)$/, 'not the name of a set-aside file'),
)

/**
 * A folder for synchronisation, or null for none. The path is checked where the folder is (main: it must be a full
 * path to a folder that exists, apart from the app's data folder and from the other sync folder).
 */
const SyncFolderInput = v.strictObject({
  folder: v.nullable(
    v.pipe(
      v.string(),
      v.minLength(1, 'a folder path is empty'),
      v.maxLength(4096, 'a folder path can be at most 4096 characters long'),
      v.check((path) => !path.includes('\u0000'), 'a folder path cannot hold a NUL character'),
    ),
  ),
})

const call = <I extends v.GenericSchema>(input: I) => ({
  returns: <R>() => ({ input, result: undefined as unknown as R }),
})

export const contract = {
  'app.status': call(NoInput).returns<AppStatus>(),
  'shell.openExternal': call(v.strictObject({ url: v.pipe(v.string(), v.maxLength(2048)) })).returns<{ opened: boolean }>(),
  /** Saves the current page as a PDF through the desktop window's export (print CSS applies); false where there is none. */
  'shell.exportPdf': call(
    v.strictObject({
      fileName: v.pipe(
        v.string(),
        v.maxLength(200),
        v.check(
          (name) => name.endsWith('.pdf') && !/[/\\:*?"<>|]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 32),
          'a file name ending in .pdf, without a folder or control characters',
        ),
      ),
    }),
  ).returns<{ exported: boolean }>(),
  /** The whole read-only reference pack, for the views that draw on all of it (timeline, network, map, plan, search). */
  /**
   * Lets the user pick a folder with the system's own dialog (`title`: its heading, in the user's language).
   * `available: false` where the shell has no such dialog (npm run browse: the path is typed instead).
   */
  'shell.chooseFolder': call(v.strictObject({ title: ShortText(200, 'the title') })).returns<{
    folder: string | null
    available: boolean
  }>(),
  /**
   * Puts text on the system clipboard (a citation): the desktop shell writes it from main, so the page needs no
   * clipboard permission. `copied: false` where the shell leaves it to the page (npm run browse).
   */
  'shell.copyText': call(
    v.strictObject({ text: v.pipe(v.string(), v.minLength(1), v.maxLength(100_000, 'at most 100,000 characters are copied at once')) }),
  ).returns<{ copied: boolean }>(),
  'content.pack': call(NoInput).returns<ContentPack>(),
  'organisations.list': call(NoInput).returns<OrganisationSummary[]>(),
  'organisations.get': call(v.strictObject({ id: Id })).returns<OrganisationProfile>(),
  /** The notes about `target`, newest first: the first `limit` (every one without it), or down to the note `through`. */
  'notes.listFor': call(v.strictObject({ target: NoteTarget, limit: v.optional(PageLimit), through: v.optional(ThroughNote) })).returns<
    ListPage<Note>
  >(),
  'notes.listAll': call(NoInput).returns<NoteListing[]>(),
  /** The notes elsewhere (not about it) that link to the organisation `id`, newest first, as their first words: the first `limit`. */
  'notes.backlinks': call(v.strictObject({ id: Id, limit: v.optional(PageLimit) })).returns<ListPage<LinkingNote>>(),
  /**
   * One page of the notes page's list (shared/notes-page.ts): the notes `filter` lets through, in its order, the
   * first `limit` (or down to the note `through`), with the counts the page shows and, under each note, the first
   * few other notes linking to what it is about; subjects are matched and sorted as named in `locale`.
   */
  'notes.page': call(
    v.strictObject({
      filter: v.strictObject({
        text: v.pipe(v.string(), v.maxLength(MAX_SEARCH_QUERY, `a search can be at most ${MAX_SEARCH_QUERY} characters long`)),
        tag: v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH, `a tag can be at most ${MAX_TAG_LENGTH} characters long`)),
        kind: v.picklist(NOTE_KINDS),
        sort: v.picklist(NOTE_SORTS),
        trash: v.boolean(),
      }),
      limit: PageLimit,
      locale: v.picklist(['en', 'fr', 'es']),
      through: v.optional(ThroughNote),
    }),
  ).returns<NotesPage>(),
  'notes.tags': call(NoInput).returns<TagCount[]>(),
  /**
   * The notes (not in the trash) that hold every word of `query`, each as the beginning of one of their words, best
   * first (main keeps the index: services/note-search). Only what a result shows comes back: the note's first line,
   * its subjects named in `locale`, and the words around the match. `indexing`: notes are still being read in
   * (`toIndex` of them), so some may be missing; a hit is never a note deleted or in the trash.
   */
  'notes.search': call(
    v.strictObject({
      query: v.pipe(v.string(), v.maxLength(MAX_SEARCH_QUERY, `a search can be at most ${MAX_SEARCH_QUERY} characters long`)),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
      locale: v.picklist(['en', 'fr', 'es']),
    }),
  ).returns<NoteSearchResult>(),
  /** `target` null: a free-standing note; `alsoAbout`: its other subjects. */
  'notes.create': call(
    v.strictObject({ target: NoteFirstSubject, alsoAbout: v.optional(NoteOtherSubjects), body: NoteBody, tags: v.optional(Tags) }),
  ).returns<Note>(),
  /**
   * An edit names `base`, the version of the note it was made from (the note's `versions` as the editor got it).
   * When the stored note is at another version, it is left as it is and the edit becomes a new note, its
   * conflict copy (see NoteUpdateResult): an edit never overwrites a change it has not seen.
   */
  'notes.update': call(
    v.pipe(
      v.strictObject({
        id: NoteId,
        base: NoteVersions,
        body: v.optional(NoteBody),
        tags: v.optional(Tags),
        /** Everything the note is about from now on, first subject first; empty makes it free-standing. */
        subjects: v.optional(v.pipe(v.array(NoteTarget), v.maxLength(MAX_SUBJECTS, `a note is about ${MAX_SUBJECTS} things at most`))),
      }),
      v.check(
        (input) => input.body !== undefined || input.tags !== undefined || input.subjects !== undefined,
        'an update changes the body, the tags, the subjects or several',
      ),
    ),
  ).returns<NoteUpdateResult>(),
  /** With `base`, refused ('conflict') when the note was changed since that version; nothing is changed then. */
  'notes.trash': call(v.strictObject({ id: NoteId, base: v.optional(NoteVersions) })).returns<Note>(),
  'notes.restore': call(v.strictObject({ id: NoteId, base: v.optional(NoteVersions) })).returns<Note>(),
  /**
   * Puts a note in the shared notebook (`shared: true`: it also goes to the team folder, with its author) or takes
   * it out. With `base`, refused ('conflict') when the note was changed since that version.
   */
  'notes.setShared': call(v.strictObject({ id: NoteId, shared: v.boolean(), base: v.optional(NoteVersions) })).returns<Note>(),
  /** Deletes the trash for good; each note leaves a tombstone, so that synchronised devices delete it too. */
  'notes.emptyTrash': call(NoInput).returns<{ deleted: number }>(),
  'notes.exportJson': call(NoInput).returns<ExportedFile>(),
  /** `locale`: the language the notes' subjects are named in (event and pillar titles); English when absent. */
  'notes.exportMarkdown': call(v.strictObject({ locale: v.optional(v.picklist(['en', 'fr', 'es'])) })).returns<ExportedFile>(),
  'notes.importPreview': call(ImportText).returns<ImportSummary>(),
  'notes.importApply': call(ImportText).returns<ImportSummary>(),
  /** Markdown files with front matter: our own zip export, or a folder of notes (an Obsidian vault); as importPreview. */
  'notes.importMarkdownPreview': call(MarkdownSource).returns<ImportSummary>(),
  'notes.importMarkdownApply': call(MarkdownSource).returns<ImportSummary>(),
  'favourites.list': call(NoInput).returns<string[]>(),
  'favourites.set': call(v.strictObject({ id: Id, favourite: v.boolean() })).returns<string[]>(),
  'settings.get': call(NoInput).returns<Settings>(),
  'settings.update': call(
    v.strictObject({
      language: v.optional(v.nullable(v.picklist(['en', 'fr', 'es']))),
      theme: v.optional(v.picklist(['system', 'light', 'dark'])),
      textSize: v.optional(v.picklist(['small', 'medium', 'large', 'x-large'])),
      lastRoute: v.optional(
        v.nullable(v.pipe(v.string(), v.maxLength(500), v.startsWith('#/', 'a place is an in-app address such as #/org/cecop'))),
      ),
    }),
  ).returns<Settings>(),
  'corrections.list': call(NoInput).returns<Correction[]>(),
  'corrections.create': call(
    v.strictObject({
      target: NoteTarget,
      fact: ShortText(300, 'the fact'),
      kind: v.picklist(['wrong', 'outdated']),
      correction: ShortText(MAX_CORRECTION_LENGTH, 'the correction'),
      source: ShortText(2000, 'the source'),
    }),
  ).returns<Correction>(),
  'corrections.delete': call(v.strictObject({ id: v.pipe(v.string(), v.uuid()) })).returns<{ id: string }>(),
  'corrections.export': call(NoInput).returns<ExportedFile>(),
  'pack.previewUpdate': call(PackFileText).returns<PackUpdatePreview>(),
  'pack.installUpdate': call(PackFileText).returns<{ packVersion: string; date: string }>(),
  /** Back to the pack that shipped with the app: the installed file is set aside (kept), never deleted. */
  'pack.useShipped': call(NoInput).returns<{ packVersion: string; date: string }>(),
  'backups.list': call(NoInput).returns<BackupInfo[]>(),
  'backups.restore': call(v.strictObject({ name: BackupName })).returns<{ notes: number }>(),
  /** The backup exactly as it is on disk, readable or not. */
  'backups.export': call(v.strictObject({ name: BackupName })).returns<ExportedFile>(),
  /** Files recovery set aside in the data folder, with what could be brought back from each. */
  'setAside.list': call(NoInput).returns<SetAsideInfo[]>(),
  'setAside.export': call(v.strictObject({ name: SetAsideName })).returns<ExportedFile>(),
  /** What bringing the file back would do (merged by note id, as an import). */
  'setAside.previewRestore': call(v.strictObject({ name: SetAsideName })).returns<RecoverySummary>(),
  'setAside.restore': call(v.strictObject({ name: SetAsideName })).returns<RecoverySummary>(),
  /** Synchronisation through folders (services/sync): where, when it last exchanged, with how many devices, problems. */
  'sync.status': call(NoInput).returns<SyncStatus>(),
  /**
   * Chooses the sync folder (null: stop; nothing is deleted anywhere), then exchanges at once. Refused with
   * 'invalid-input' or 'not-found', and a sentence saying why, for a folder that cannot be used.
   */
  'sync.setFolder': call(SyncFolderInput).returns<SyncStatus>(),
  /** Chooses the team folder of the shared notebook (null: leave it; the shared notes stay here). */
  'sync.setTeamFolder': call(SyncFolderInput).returns<SyncStatus>(),
  /** Exchanges with the chosen folders now, and says how it went. */
  'sync.exchangeNow': call(NoInput).returns<SyncStatus>(),
  /**
   * Gives this installation a new device id ("make this device new"), after another installation was found using
   * the same one (a copied data folder); every note is kept. Then exchanges.
   */
  'sync.newDeviceId': call(NoInput).returns<SyncStatus>(),
  /** Names this device as colleagues and the user's other devices see it (its id stays). */
  'sync.renameDevice': call(
    v.strictObject({
      name: v.pipe(
        ShortText(MAX_DEVICE_NAME_LENGTH, 'a device name'),
        v.check((name) => !/\p{Cc}/u.test(name), 'a device name cannot hold control characters (line breaks, tabs)'),
      ),
    }),
  ).returns<SyncStatus>(),
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
