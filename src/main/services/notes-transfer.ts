/**
 * Notes in and out: a JSON file of every note (the backup format, and what import reads), and Markdown files
 * with front matter, one a note, in a zip. Import merges by note id with the rules synchronisation uses
 * (sync/merge.ts, mode 'import'): the newer edit wins, nothing is duplicated, and where both sides changed since
 * they last agreed the imported version is kept as a second note (once: importing the file again adds no second
 * copy). Which is newer is told by the notes' versions (shared/note-versions.ts) when the file has them, and
 * otherwise (a file from before versions) by the dates. A note deleted here for good comes back with an import.
 */
import type { PackLocale } from '../../shared/content/texts'
import { strToU8, zipSync } from 'fflate'
import * as v from 'valibot'
import type { ExportedFile, ImportRefusal, ImportSummary, Note, NoteTarget } from '../../shared/domain'
import { wordedRefusal } from '../../shared/errors'
import { MAX_EDITABLE_COUNTER, MAX_VERSION_ENTRIES, roomForEdits } from '../../shared/note-rules'
import { saveFailure } from '../data-folder-errors'
import { IncomingNote } from '../store/schema'
import type { UserStore } from '../store/user-store'
import { CONFLICT_TAG, MergeWorkspace, mergeNote, resolve, type NoteOutcome } from './sync/merge'

export { CONFLICT_TAG }

export const EXPORT_FORMAT = 'coop-atlas-notes'
/**
 * 3: notes carry whether they are shared and who wrote them. 2: their versions and conflict marks. Files of
 * versions 1 and 2 are still read (what they do not say is taken as it is here, or the defaults).
 */
export const EXPORT_VERSION = 3
export const MAX_IMPORT_NOTES = 100_000
/** The file's frame; each note in it is then judged alone, by the rules the store and the editor share. */
const NotesFile = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.picklist([1, 2, EXPORT_VERSION], 'this notes file was written by a newer Coop Atlas'),
  exported: v.pipe(v.string(), v.isoTimestamp()),
  notes: v.pipe(
    v.array(v.looseObject({ id: v.string() })),
    v.maxLength(MAX_IMPORT_NOTES, `a notes file may hold at most ${MAX_IMPORT_NOTES} notes`),
  ),
})

/** How far ahead of this machine's clock an imported edit may be dated (another machine's clock may run fast). */
export const IMPORT_CLOCK_SLACK_MS = 24 * 60 * 60 * 1000

/**
 * Why the editor could not have saved this note, or null. Beyond the store's rules: no edit dated after tomorrow
 * (an edit of such a note would be dated later still, past what the store accepts), and dates in their order.
 */
export function refusalOf(raw: unknown, now: Date): ImportRefusal | null {
  const { id: rawId, body } = raw as { id?: unknown; body?: unknown }
  const id = typeof rawId === 'string' ? rawId.slice(0, 100) : null
  // What the user will recognise the note by: the start of its text.
  const excerpt = typeof body === 'string' ? body.slice(0, 80) : null
  const parsed = v.safeParse(IncomingNote, raw)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const path = v.getDotPath(issue) ?? 'note'
    return { id, excerpt, code: 'rules', detail: `${path}: ${issue.message}`, path }
  }
  const note = parsed.output
  // An edit here adds a device or a change to the version: it must still be one the store can keep.
  if (note.versions && !roomForEdits(note.versions))
    return {
      id,
      excerpt,
      code: 'rules',
      detail: `versions: at most ${MAX_VERSION_ENTRIES - 1} devices and ${MAX_EDITABLE_COUNTER} changes each, so that it can still be edited`,
      path: 'versions',
    }
  const latest = new Date(now.getTime() + IMPORT_CLOCK_SLACK_MS).toISOString()
  const future = [note.updated, note.created, note.trashed].find((d) => d !== null && d > latest)
  if (future) return { id, excerpt, code: 'future', detail: future }
  if (note.created > note.updated || (note.previous !== null && note.previous >= note.updated))
    return {
      id,
      excerpt,
      code: 'order',
      detail: `created ${note.created}, edited ${note.updated}${note.previous ? `, from ${note.previous}` : ''}`,
      dates: { created: note.created, updated: note.updated, previous: note.previous },
    }
  return null
}

const day = (iso: string) => iso.slice(0, 10)

export function exportJson(store: UserStore, now = new Date()): ExportedFile {
  const file = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exported: now.toISOString(), notes: [...store.notes.values()] }
  // Tombstones are not exported: an import brings a note back on purpose, whatever was deleted where it is read.
  return {
    fileName: `coop-atlas-notes-${day(now.toISOString())}.json`,
    mediaType: 'application/json',
    content: JSON.stringify(file, null, 1),
    encoding: 'utf8',
  }
}

/** YAML scalars written as JSON strings: always valid YAML, whatever the text holds. */
const yaml = (value: string) => JSON.stringify(value)

const subjectPath = (target: NoteTarget) => yaml(`${target.kind}/${target.id}`)

/**
 * A note as a Markdown file with front matter: `target` its first subject (null for a free-standing note), `also`
 * its other subjects (when it has some), `about` the first subject's name in the reader's language, and what a
 * Markdown import needs to read the note back exactly (markdown/markdown-notes.ts): `previous` (when it has one) and
 * `versions`, so that importing the zip again, or an older one, is told apart from an edit.
 */
export function noteAsMarkdown(note: Note, about: string | null): string {
  const lines = [
    '---',
    `id: ${yaml(note.id)}`,
    `target: ${note.target ? subjectPath(note.target) : 'null # a free-standing note'}`,
    ...(note.alsoAbout?.length ? [`also: [${note.alsoAbout.map(subjectPath).join(', ')}]`] : []),
    `about: ${about !== null ? yaml(about) : note.target ? 'null # no longer in the reference pack' : 'null'}`,
    `tags: [${note.tags.map(yaml).join(', ')}]`,
    `created: ${yaml(note.created)}`,
    `updated: ${yaml(note.updated)}`,
    ...(note.previous !== null ? [`previous: ${yaml(note.previous)}`] : []),
    `versions: {${Object.entries(note.versions)
      .map(([device, counter]) => `${yaml(device)}: ${counter}`)
      .join(', ')}}`,
    '---',
    '',
  ]
  return `${lines.join('\n')}\n${note.body}\n`
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'note'

export function exportMarkdownZip(store: UserStore, describe: (target: NoteTarget) => string | null, now = new Date()): ExportedFile {
  const files: Record<string, Uint8Array> = {}
  for (const note of store.notes.values()) {
    if (note.trashed) continue
    const about = note.target && describe(note.target)
    // A free-standing note is named after its first line, in a folder of its own.
    const folder = note.target?.kind ?? 'free'
    const title = about ?? note.target?.id ?? note.body.split('\n').find((line) => line.trim() !== '') ?? ''
    const short = `coop-atlas-notes/${folder}/${slug(title)}--${note.id.slice(0, 8)}.md`
    // Two notes on one subject whose ids start alike would share a name, and one file would replace the other.
    const name = short in files ? `coop-atlas-notes/${folder}/${slug(title)}--${note.id}.md` : short
    files[name] = strToU8(noteAsMarkdown(note, about))
  }
  const zip = zipSync(files, { level: 6, mtime: now })
  return {
    fileName: `coop-atlas-notes-${day(now.toISOString())}.zip`,
    mediaType: 'application/zip',
    content: Buffer.from(zip).toString('base64'),
    encoding: 'base64',
  }
}

/**
 * Parses and checks an import file. A file that is not a notes file, or holds one note twice, is refused as a
 * whole with a specific reason; a note the editor could not have saved is refused alone, with its reason.
 */
export function parseNotesFile(text: string, now = new Date()): { notes: IncomingNote[]; refused: ImportRefusal[] } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw wordedRefusal(
      'invalid-input',
      'import-not-json',
      `The file is not valid JSON (${(error as Error).message}). Nothing was imported.`,
    )
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw wordedRefusal(
      'invalid-input',
      'import-not-notes-file',
      `This is not a Coop Atlas notes file (it has no "format": "${EXPORT_FORMAT}"). Nothing was imported.`,
      { format: EXPORT_FORMAT },
    )
  }
  const parsed = v.safeParse(NotesFile, raw)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const where = v.getDotPath(issue)
    throw wordedRefusal(
      'invalid-input',
      where === 'version' ? 'import-newer' : 'import-invalid',
      `The file cannot be imported: ${where ? `${where}: ` : ''}${issue.message}. Nothing was imported.`,
      { path: where ?? 'file' },
    )
  }
  const seen = new Set<string>()
  for (const note of parsed.output.notes) {
    if (seen.has(note.id))
      throw wordedRefusal('invalid-input', 'import-duplicate', `The file holds the note ${note.id} twice. Nothing was imported.`, {
        id: note.id,
      })
    seen.add(note.id)
  }
  const notes: IncomingNote[] = []
  const refused: ImportRefusal[] = []
  for (const raw of parsed.output.notes) {
    const refusal = refusalOf(raw, now)
    if (refusal) refused.push(refusal)
    else notes.push(v.parse(IncomingNote, raw))
  }
  return { notes, refused }
}

type Decision = { kind: 'add' | 'update'; note: Note } | { kind: 'unchanged' | 'keptNewer' } | { kind: 'conflict'; note: Note }

/**
 * What merging `incoming` into a store holding `local` does to that note, by the import's rules (sync/merge.ts);
 * for a conflict, `note` is the copy that would be added. `device` is this installation's id: a note that comes
 * without a version (an older file) gets one here as it is saved, as a change made here.
 */
export function decide(local: Note | undefined, incoming: IncomingNote, device: string): Decision {
  const resolution = resolve(local, incoming, { mode: 'import', device })
  if (resolution.kind !== 'conflict') return resolution
  return { kind: 'conflict', note: resolution.copy! }
}

export async function importNotes(store: UserStore, text: string, apply: boolean): Promise<ImportSummary> {
  const { notes, refused } = parseNotesFile(text)
  return mergeNotes(store, notes, refused, apply)
}

const COUNTED: Record<
  Exclude<NoteOutcome, 'deleted'>,
  keyof ImportSummary & ('added' | 'updated' | 'unchanged' | 'keptNewer' | 'conflicts')
> = {
  added: 'added',
  updated: 'updated',
  unchanged: 'unchanged',
  keptNewer: 'keptNewer',
  conflict: 'conflicts',
}

/**
 * Merges notes by id, newer edit winning and diverging edits kept as second notes; one durable step, decided on
 * the store as it is once every change before it is applied (so a save that lands meanwhile is merged too).
 */
export async function mergeNotes(
  store: UserStore,
  incoming: IncomingNote[],
  refused: ImportRefusal[],
  apply: boolean,
): Promise<ImportSummary> {
  const compute = () => {
    const summary: ImportSummary = {
      total: incoming.length + refused.length,
      added: 0,
      updated: 0,
      unchanged: 0,
      keptNewer: 0,
      conflicts: 0,
      refused,
      applied: apply,
    }
    const ws = new MergeWorkspace(store.notes, store.tombstones)
    for (const note of incoming) {
      const outcome = mergeNote(ws, note, { mode: 'import', device: store.device.id })
      // An import never meets 'deleted' (it brings deleted notes back).
      if (outcome !== 'deleted') summary[COUNTED[outcome]]++
    }
    const { notes } = ws.changes()
    return { entry: apply && notes.length > 0 ? ({ op: 'put-notes', notes } as const) : null, result: summary }
  }
  if (!apply) return compute().result
  try {
    return await store.transact(compute)
  } catch (error) {
    throw saveFailure(store.folder, error, 'import')
  }
}

/** Notes files in and out, as one service over the store (the handlers stay one line each). */
export class NotesTransferService {
  constructor(
    private readonly store: UserStore,
    private readonly describe: (target: NoteTarget, locale?: PackLocale) => string | null,
  ) {}
  exportJson = (): ExportedFile => exportJson(this.store)
  /** Subjects named in `locale` (the reader's), in each file's `about` and name. */
  exportMarkdown = (locale: PackLocale = 'en'): ExportedFile => exportMarkdownZip(this.store, (target) => this.describe(target, locale))
  importPreview = (text: string): Promise<ImportSummary> => importNotes(this.store, text, false)
  importApply = (text: string): Promise<ImportSummary> => importNotes(this.store, text, true)
}
