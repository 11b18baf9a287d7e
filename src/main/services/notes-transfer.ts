/**
 * Notes in and out: a JSON file of every note (the backup format, and what import reads), and Markdown files
 * with front matter, one a note, in a zip. Import merges by note id: the newer edit wins, nothing is duplicated,
 * and where both sides changed since they last agreed the imported version is kept as a second note.
 */
import { randomUUID } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'
import * as v from 'valibot'
import type { ExportedFile, ImportSummary, Note, NoteTarget } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'
import { StoredNote } from '../store/schema'
import type { UserStore } from '../store/user-store'

export const EXPORT_FORMAT = 'coop-atlas-notes'
export const MAX_IMPORT_NOTES = 100_000
export const CONFLICT_TAG = 'import-conflict'

const NotesFile = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(1, 'this notes file was written by a newer Coop Atlas'),
  exported: v.pipe(v.string(), v.isoTimestamp()),
  notes: v.pipe(v.array(StoredNote), v.maxLength(MAX_IMPORT_NOTES, `a notes file may hold at most ${MAX_IMPORT_NOTES} notes`)),
})

const day = (iso: string) => iso.slice(0, 10)

export function exportJson(store: UserStore, now = new Date()): ExportedFile {
  const file = { format: EXPORT_FORMAT, version: 1, exported: now.toISOString(), notes: [...store.notes.values()] }
  return {
    fileName: `coop-atlas-notes-${day(now.toISOString())}.json`,
    mediaType: 'application/json',
    content: JSON.stringify(file, null, 1),
    encoding: 'utf8',
  }
}

/** YAML scalars written as JSON strings: always valid YAML, whatever the text holds. */
const yaml = (value: string) => JSON.stringify(value)

export function noteAsMarkdown(note: Note, about: string | null): string {
  const lines = [
    '---',
    `id: ${yaml(note.id)}`,
    `target: ${yaml(`${note.target.kind}/${note.target.id}`)}`,
    `about: ${about === null ? 'null # no longer in the reference pack' : yaml(about)}`,
    `tags: [${note.tags.map(yaml).join(', ')}]`,
    `created: ${yaml(note.created)}`,
    `updated: ${yaml(note.updated)}`,
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
    const about = describe(note.target)
    const name = `coop-atlas-notes/${note.target.kind}/${slug(about ?? note.target.id)}--${note.id.slice(0, 8)}.md`
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

/** Parses and checks an import file; a bad file is refused as a whole with a specific reason. */
export function parseNotesFile(text: string): Note[] {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new ServiceError('invalid-input', `The file is not valid JSON (${(error as Error).message}). Nothing was imported.`)
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new ServiceError(
      'invalid-input',
      `This is not a Coop Atlas notes file (it has no "format": "${EXPORT_FORMAT}"). Nothing was imported.`,
    )
  }
  const parsed = v.safeParse(NotesFile, raw)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const where = v.getDotPath(issue)
    throw new ServiceError(
      'invalid-input',
      `The file cannot be imported: ${where ? `${where}: ` : ''}${issue.message}. Nothing was imported.`,
    )
  }
  const seen = new Set<string>()
  for (const note of parsed.output.notes) {
    if (seen.has(note.id)) throw new ServiceError('invalid-input', `The file holds the note ${note.id} twice. Nothing was imported.`)
    seen.add(note.id)
  }
  return parsed.output.notes
}

const sameContent = (a: Note, b: Note) =>
  a.body === b.body &&
  a.target.kind === b.target.kind &&
  a.target.id === b.target.id &&
  a.trashed === b.trashed &&
  a.tags.length === b.tags.length &&
  a.tags.every((t, i) => t === b.tags[i])

/** `later` was edited from `earlier`'s version or one after it. */
const descendsFrom = (later: Note, earlier: Note) => later.previous !== null && later.previous >= earlier.updated

type Decision = { kind: 'add' | 'update'; note: Note } | { kind: 'unchanged' | 'keptNewer' } | { kind: 'conflict'; note: Note }

export function decide(local: Note | undefined, incoming: Note): Decision {
  if (!local) return { kind: 'add', note: incoming }
  if (sameContent(local, incoming)) return { kind: 'unchanged' }
  if (incoming.updated > local.updated && descendsFrom(incoming, local)) return { kind: 'update', note: incoming }
  if (local.updated > incoming.updated && descendsFrom(local, incoming)) return { kind: 'keptNewer' }
  return {
    kind: 'conflict',
    note: { ...incoming, id: randomUUID(), tags: [...incoming.tags.filter((t) => t !== CONFLICT_TAG), CONFLICT_TAG] },
  }
}

export async function importNotes(store: UserStore, text: string, apply: boolean): Promise<ImportSummary> {
  const incoming = parseNotesFile(text)
  const summary: ImportSummary = { total: incoming.length, added: 0, updated: 0, unchanged: 0, keptNewer: 0, conflicts: 0, applied: false }
  const writes: Note[] = []
  for (const note of incoming) {
    const decision = decide(store.notes.get(note.id), note)
    if (decision.kind === 'add') summary.added++
    else if (decision.kind === 'update') summary.updated++
    else if (decision.kind === 'unchanged') summary.unchanged++
    else if (decision.kind === 'keptNewer') summary.keptNewer++
    else summary.conflicts++
    if ('note' in decision) writes.push(decision.note)
  }
  if (apply && writes.length > 0) {
    try {
      await store.apply({ op: 'put-notes', notes: writes })
    } catch (error) {
      throw new ServiceError('store-unavailable', `The import could not be saved: ${(error as Error).message}. Nothing was imported.`)
    }
  }
  return { ...summary, applied: apply }
}
