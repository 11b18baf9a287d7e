/**
 * Markdown files with front matter, as the notes an import merges (notes-transfer.ts mergeNotes, the JSON import's
 * own path). Two kinds of file are read:
 *  - our own export (notes-transfer.ts noteAsMarkdown): its front matter names the note's id, subjects, tags, dates
 *    and version, and the note comes back exactly as it was exported;
 *  - any other Markdown note, such as an Obsidian vault's: a free-standing note whose id is made from its path in the
 *    folder (so that importing the same vault again updates its notes instead of adding them twice), its tags from
 *    the front matter (a list or a string; nested tags such as project/alpha kept) and then those written in its
 *    text (#meeting, as Obsidian reads them), its title the first heading or else the file's name, its `[[links]]`
 *    kept as they are written.
 * A file whose front matter cannot be read (not YAML, nested too deep, too long) is left out alone, with its name.
 */
import * as v from 'valibot'
import type { ImportRefusal, NoteTarget } from '../../../shared/domain'
import { wordedRefusal } from '../../../shared/errors'
import { MAX_FRONT_MATTER_BYTES } from '../../../shared/markdown-files'
import { EARLIEST_TIMESTAMP, isTag, MAX_TAGS, tagSpacing, utf8Within } from '../../../shared/note-rules'
import { IncomingNote } from '../../store/schema'
import { hashedId } from '../hashed-id'
import { refusalOf } from '../notes-transfer'
import { parseYaml } from './yaml'

/** A Markdown file as read from a folder or a zip: its path inside it ('/' between folders), its text, when it last changed. */
export interface MarkdownFile {
  path: string
  text: string
  /** Milliseconds since 1970, when known. */
  modified?: number
}

type FrontMatter =
  | { kind: 'none'; body: string }
  | { kind: 'read'; data: unknown; body: string }
  | { kind: 'bad'; why: string; problem: NonNullable<ImportRefusal['problem']> }

/** The front matter between the first two `---` lines (a YAML document), and the text after it. */
export function splitFrontMatter(text: string): FrontMatter {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const opening = /^---[ \t]*\r?\n/.exec(text.slice(start, start + 8))
  if (!opening) return { kind: 'none', body: text.slice(start) }
  const from = start + opening[0].length
  const closing = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m
  const rest = text.slice(from)
  // An empty front matter closes at once.
  const match = rest.startsWith('---') || rest.startsWith('...') ? closing.exec(rest) : /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(rest)
  if (!match) return { kind: 'bad', problem: 'syntax', why: 'the front matter has no closing --- line' }
  const yamlText = rest.slice(0, match.index)
  if (!utf8Within(yamlText, MAX_FRONT_MATTER_BYTES))
    return { kind: 'bad', problem: 'length', why: `the front matter is longer than ${MAX_FRONT_MATTER_BYTES / 1024} KB` }
  const body = rest.slice(match.index + match[0].length)
  const parsed = parseYaml(yamlText)
  if (!parsed.ok) return { kind: 'bad', problem: parsed.problem, why: parsed.message }
  if (parsed.value !== null && parsed.value !== undefined && (typeof parsed.value !== 'object' || Array.isArray(parsed.value)))
    return { kind: 'bad', problem: 'syntax', why: 'the front matter is not a list of names and values' }
  return { kind: 'read', data: parsed.value ?? {}, body }
}

const SUBJECT = /^(organisation|event|pillar)\/(.+)$/

/** A subject as the export writes it ("organisation/cecop"); anything else is passed on for the note rules to refuse. */
function subject(value: unknown): NoteTarget | unknown {
  if (typeof value !== 'string') return value
  const match = SUBJECT.exec(value)
  return match ? { kind: match[1], id: match[2] } : value
}

/** Written by our own export: an id that is a UUID, a `target` (possibly null) and both dates. */
function isOwnExport(data: Record<string, unknown>): boolean {
  return (
    typeof data['id'] === 'string' &&
    v.is(v.pipe(v.string(), v.uuid()), data['id']) &&
    'target' in data &&
    'created' in data &&
    'updated' in data
  )
}

/** The export writes a blank line after the front matter and a line end after the text: both taken off again. */
function ownBody(rest: string): string {
  const body = rest.startsWith('\n') ? rest.slice(1) : rest.startsWith('\r\n') ? rest.slice(2) : rest
  return body.endsWith('\n') ? body.slice(0, -1) : body
}

function fromOwnExport(data: Record<string, unknown>, rest: string): unknown {
  const { id, target, also, tags, created, updated, previous, versions } = data
  return {
    id,
    target: target === null ? null : subject(target),
    ...(also !== undefined && !(Array.isArray(also) && also.length === 0)
      ? { alsoAbout: Array.isArray(also) ? also.map(subject) : also }
      : {}),
    body: ownBody(rest),
    tags: tags ?? [],
    created,
    updated,
    trashed: null,
    previous: previous ?? null,
    ...(versions !== undefined ? { versions } : {}),
  }
}

/** A date as the store keeps it, from a front matter value or a file's time; null when it names no moment. */
function timestamp(value: unknown): string | null {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : NaN
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null
  const iso = new Date(ms).toISOString()
  // Before 2000 (a file restored with its time lost): the earliest date a note may have.
  return iso < EARLIEST_TIMESTAMP ? EARLIEST_TIMESTAMP : iso
}

/**
 * Tags from front matter: a list, or a string of them (separated by commas or spaces), each without a leading #.
 * A tag the note rules refuse is passed on as it is, for the note to be refused with it.
 */
function tagsOf(data: Record<string, unknown>): unknown {
  const raw = data['tags'] ?? data['tag']
  if (raw === undefined || raw === null) return []
  const list = typeof raw === 'string' ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw : [raw]
  const tags = list
    .map((tag) => (typeof tag === 'string' ? tagSpacing(tag.trim().replace(/^#/, '')) : typeof tag === 'number' ? String(tag) : tag))
    .filter((tag) => tag !== '')
  return [...new Set(tags)]
}

/**
 * Tags written in a note's text as Obsidian reads them: # then letters, digits, _, - or / (project/alpha), not only
 * digits (#1 is a number), outside code (fenced blocks and `inline code`) and never a heading's # (which a space
 * follows). Those the note rules would refuse (too long) are left in the text only.
 */
export function inlineTags(body: string): string[] {
  const prose = body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ').replace(/`[^`\n]*`/g, ' ')
  const found = [...prose.matchAll(/(?:^|[\s(])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu)].map((m) => m[1]!.replace(/\/+$/, ''))
  return found.filter((tag) => tag !== '' && isTag(tag))
}

/** The front matter's tags first, then the text's, each once, as many as a note may have. */
function vaultTags(data: Record<string, unknown>, body: string): unknown {
  const fromFront = tagsOf(data)
  if (!Array.isArray(fromFront)) return fromFront
  const all = [...new Set([...fromFront, ...inlineTags(body)])]
  // A note may have MAX_TAGS: the front matter's are never dropped (too many there is refused, as before).
  return all.length > MAX_TAGS ? all.slice(0, Math.max(MAX_TAGS, fromFront.length)) : all
}

const fileName = (path: string) => (path.split('/').pop() ?? path).replace(/\.md$/i, '')

/** The note's text: as written when it opens with a heading; else under a heading made of the file's name. */
function titled(body: string, path: string): string {
  const text = body.replace(/^(?:[ \t]*\r?\n)+/, '')
  if (/^#{1,6}[ \t]+\S/.test(text)) return text
  const title = `# ${fileName(path)}`
  return text.trim() === '' ? title : `${title}\n\n${text}`
}

function fromVault(file: MarkdownFile, data: Record<string, unknown>, body: string, now: Date): unknown {
  const fromFile = file.modified !== undefined ? timestamp(file.modified) : null
  const updated =
    fromFile ?? timestamp(data['updated'] ?? data['modified']) ?? timestamp(data['created'] ?? data['date']) ?? now.toISOString()
  const created = timestamp(data['created'] ?? data['date']) ?? updated
  return {
    id: hashedId(`coop-atlas markdown note\n${file.path.normalize('NFC')}`),
    target: null,
    body: titled(body, file.path),
    tags: vaultTags(data, body),
    // A note cannot be created after its last edit: a front matter date later than the file's is taken as the edit.
    created: created > updated ? updated : created,
    updated,
    trashed: null,
    previous: null,
  }
}

/**
 * The notes the files hold, and those left out with why. One id twice (two files of our own export naming the same
 * note) refuses the import whole, as in a notes file.
 */
export function notesOfMarkdown(files: MarkdownFile[], now = new Date()): { notes: IncomingNote[]; refused: ImportRefusal[] } {
  const notes: IncomingNote[] = []
  const refused: ImportRefusal[] = []
  const seen = new Map<string, string>()
  for (const file of files) {
    const split = splitFrontMatter(file.text)
    if (split.kind === 'bad') {
      refused.push({ id: null, excerpt: null, file: file.path, code: 'front-matter', detail: split.why, problem: split.problem })
      continue
    }
    const data = (split.kind === 'read' ? split.data : {}) as Record<string, unknown>
    const raw = isOwnExport(data) ? fromOwnExport(data, split.body) : fromVault(file, data, split.body, now)
    const id = (raw as { id: unknown }).id
    if (typeof id === 'string') {
      const first = seen.get(id)
      if (first !== undefined)
        throw wordedRefusal(
          'invalid-input',
          'import-md-duplicate',
          `${first} and ${file.path} are the same note (${id}). Nothing was imported.`,
          { id, first, second: file.path },
        )
      seen.set(id, file.path)
    }
    const refusal = refusalOf(raw, now)
    if (refusal) refused.push({ ...refusal, file: file.path })
    else notes.push(v.parse(IncomingNote, raw))
  }
  return { notes, refused }
}
