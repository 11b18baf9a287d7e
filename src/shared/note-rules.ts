/**
 * The rules every note obeys, wherever it comes from: the editor (the contract's inputs), an imported file, the
 * store's journal and snapshot, a backup. One home, so that nothing one path accepts can be refused by another:
 * a note imported with a date the store could not read back once cost a user every note written after it.
 */
import * as v from 'valibot'
import { Id, ID_PATTERN } from './content/schema'
import type { NoteTarget as Subject } from './domain'

/** Largest note body, in UTF-8 bytes. */
export const MAX_NOTE_BYTES = 1024 * 1024
export const MAX_TAGS = 30
export const MAX_TAG_LENGTH = 60

/** The first and last moments a note's dates may name: the app's own era, with room for slow clocks and long lives. */
export const EARLIEST_TIMESTAMP = '2000-01-01T00:00:00.000Z'
export const LATEST_TIMESTAMP = '2999-12-31T23:59:59.999Z'

/**
 * Whether a text's UTF-8 encoding is at most `max` bytes, counted only when its length leaves a doubt: one UTF-16
 * code unit is at most 3 bytes (a lone surrogate too, written as U+FFFD; a pair, two units, is 4). A check of
 * 10,000 notes of ~2 kB (a sync file) spent most of its time counting bytes it had no need to count.
 */
export const utf8Within = (text: string, max: number): boolean => text.length * 3 <= max || (text.length <= max && utf8Length(text) <= max)

/** UTF-8 length without allocating: a 1 MB body is counted on every save. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * A date-time exactly as `Date.prototype.toISOString` writes it, naming a real calendar moment within the range
 * above. One form matters: notes are ordered by comparing these strings, which is only right when all share it.
 */
export function isNoteTimestamp(value: unknown): boolean {
  if (typeof value !== 'string' || !CANONICAL.test(value)) return false
  if (value < EARLIEST_TIMESTAMP || value > LATEST_TIMESTAMP) return false
  // Checked by hand, not through Date (which reads 2026-02-30 as 2 March): at 50,000 notes this runs 200,000 times
  // at every open.
  const year = Number(value.slice(0, 4))
  const month = Number(value.slice(5, 7))
  const day = Number(value.slice(8, 10))
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    Number(value.slice(11, 13)) < 24 &&
    Number(value.slice(14, 16)) < 60 &&
    Number(value.slice(17, 19)) < 60
  )
}

export const NoteTimestamp = v.pipe(
  v.string(),
  v.check((value) => isNoteTimestamp(value), 'a date and time such as 2026-12-04T16:06:17.000Z, between the years 2000 and 2999'),
)

const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`

export const NoteBody = v.pipe(
  v.string(),
  v.check((body) => utf8Within(body, MAX_NOTE_BYTES), `a note can hold at most ${MB(MAX_NOTE_BYTES)} of text`),
)

const TAG_SHAPE = /^[^\s,[\]#][^,[\]]*$/u

export const isTag = (tag: unknown): tag is string => typeof tag === 'string' && tag.length <= MAX_TAG_LENGTH && TAG_SHAPE.test(tag)

export const Tag = v.pipe(
  v.string(),
  v.maxLength(MAX_TAG_LENGTH, `a tag can be at most ${MAX_TAG_LENGTH} characters long`),
  v.regex(TAG_SHAPE, 'a tag cannot start with a space or # and cannot hold commas or brackets'),
)

export const Tags = v.pipe(v.array(Tag), v.maxLength(MAX_TAGS, `a note can have at most ${MAX_TAGS} tags`))

/** Most devices one note's version may name: far more than anyone edits a note on, few enough to compare at once. */
export const MAX_VERSION_ENTRIES = 1000

/**
 * A note's version vector (shared/note-versions.ts): device ids (UUIDs) to counters (positive safe integers),
 * at least one, at most MAX_VERSION_ENTRIES. Checked by hand, without valibot: the snapshot's fast check
 * (notesPlainlyValid) runs it 50,000 times at an open, and both must agree.
 */
export function isNoteVersions(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false
  const keys = Object.keys(value)
  if (keys.length === 0 || keys.length > MAX_VERSION_ENTRIES) return false
  for (const key of keys) {
    const counter = (value as Record<string, unknown>)[key]
    if (!v.UUID_REGEX.test(key) || typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 1) return false
  }
  return true
}

/**
 * Largest counter a version brought in from elsewhere (an imported file, another device's sync file) may hold: an edit
 * here adds one, and the store keeps counters within safe integers. No device makes a trillion changes to one note;
 * a file that says so was not written by an editor.
 */
export const MAX_EDITABLE_COUNTER = 2 ** 40

/** Whether a version brought in leaves room for the edits made from it here: one device more, one change more. */
export const roomForEdits = (versions: Record<string, number>): boolean =>
  Object.keys(versions).length < MAX_VERSION_ENTRIES && Object.values(versions).every((counter) => counter <= MAX_EDITABLE_COUNTER)

export const NoteVersions = v.pipe(
  v.custom<Record<string, number>>(
    isNoteVersions,
    `a version is a list of device ids (UUIDs) with counters (whole numbers from 1), at least one and at most ${MAX_VERSION_ENTRIES}`,
  ),
  v.transform((versions) => ({ ...versions })),
)

/** Longest name of a device (what the user calls an installation: the computer's name by default). */
export const MAX_DEVICE_NAME_LENGTH = 200

/**
 * Who last wrote a note's text: the device (installation) id and the name it had then. Travels with the note, so
 * that a note of the shared notebook says, on every colleague's machine, who wrote it. Null when nobody knows (a
 * note from before authors were kept, or from an older file).
 */
export const NoteAuthor = v.nullable(
  v.strictObject({
    device: v.pipe(v.string(), v.uuid()),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_DEVICE_NAME_LENGTH)),
  }),
)

/** The same rule as NoteAuthor, by hand (see isNoteVersions: the snapshot's fast check runs it for every note). */
export function isNoteAuthor(value: unknown): boolean {
  if (value === null) return true
  if (typeof value !== 'object' || Array.isArray(value)) return false
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false
  const keys = Object.keys(value)
  if (keys.length !== 2 || !keys.includes('device') || !keys.includes('name')) return false
  const { device, name } = value as { device: unknown; name: unknown }
  return (
    typeof device === 'string' &&
    v.UUID_REGEX.test(device) &&
    typeof name === 'string' &&
    name.length >= 1 &&
    name.length <= MAX_DEVICE_NAME_LENGTH
  )
}

/** The id of the note a conflict copy was made from (the note stays; the copy holds the text that could not go in it). */
export const ConflictOf = v.nullable(v.pipe(v.string(), v.uuid()))

export const NoteTargetKind = v.picklist(['organisation', 'event', 'pillar'])
/** What a note is about: an id of the reference pack, which may later leave it (the note is then orphaned, never lost). */
export const NoteTarget = v.strictObject({ kind: NoteTargetKind, id: Id })

/** How many things one note may be about: its first subject and the others. */
export const MAX_SUBJECTS = 20

/**
 * A note's first subject, or null for a free-standing note (a meeting, a trip, a question): about nothing in the
 * pack, never orphaned.
 */
export const NoteFirstSubject = v.nullable(NoteTarget)

/** The note's other subjects, after the first, each once (a note about CECOP and CICOPA shows on both profiles). */
export const NoteOtherSubjects = v.pipe(
  v.array(NoteTarget),
  v.maxLength(MAX_SUBJECTS - 1, `a note is about ${MAX_SUBJECTS} things at most`),
  v.check((list) => new Set(list.map(subjectKey)).size === list.length, 'each subject is named once'),
)

/** Whether `value` is a subject as NoteTarget reads it (checked by hand where valibot is too slow or too strict). */
export function isNoteTarget(value: unknown): value is Subject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length !== 2) return false
  const { kind, id } = value as Record<string, unknown>
  return (kind === 'organisation' || kind === 'event' || kind === 'pillar') && typeof id === 'string' && ID_PATTERN.test(id)
}

/** Whether `value` is a note's other subjects as NoteOtherSubjects reads them. */
export const isOtherSubjects = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length <= MAX_SUBJECTS - 1 &&
  value.every(isNoteTarget) &&
  new Set(value.map(subjectKey)).size === value.length

/** One string per subject, to compare and deduplicate them. */
export const subjectKey = (target: { kind: string; id: string }): string => `${target.kind}:${target.id}`

/** Everything a note is about, first subject first; empty for a free-standing note. */
export const subjectsOf = (note: { target: Subject | null; alsoAbout?: readonly Subject[] | undefined }): Subject[] => [
  ...(note.target ? [note.target] : []),
  ...(note.alsoAbout ?? []).filter((t) => !note.target || subjectKey(t) !== subjectKey(note.target)),
]

/**
 * A list of subjects as a note keeps them: each once, in order; the first is `target` (null when there is none),
 * the rest `alsoAbout` (left out when empty, as older notes have it).
 */
export function noteSubjects(list: readonly Subject[]): { target: Subject | null; alsoAbout?: Subject[] } {
  const seen = new Set<string>()
  const unique = list.filter((t) => !seen.has(subjectKey(t)) && seen.add(subjectKey(t))).map((t) => ({ kind: t.kind, id: t.id }))
  const [first, ...rest] = unique
  return rest.length > 0 ? { target: first ?? null, alsoAbout: rest } : { target: first ?? null }
}

/** Whether a note is about `target` (as its first subject or another). */
export const isAbout = (note: { target: Subject | null; alsoAbout?: readonly Subject[] | undefined }, target: Subject): boolean =>
  subjectsOf(note).some((t) => t.kind === target.kind && t.id === target.id)

/** A tag's spacing as it is kept: one space between words, none around them (the editor's rule, and a vault's). */
export const tagSpacing = (tag: string): string => tag.replace(/\s+/g, ' ').trim()

/**
 * Tags as they are kept: trimmed, without a leading #, one space between words, case as typed, each once, and
 * within the limits above. Anything the editor accepts comes out unchanged but for the spacing; a tag from
 * elsewhere (an older store, a set-aside record) is mended rather than refused.
 */
export function normaliseTags(tags: readonly unknown[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of tags) {
    if (typeof raw !== 'string') continue
    const unmarked = raw
      .replace(/[,[\]]/g, ' ')
      .trim()
      .replace(/^#+/, '')
    const tag = tagSpacing(unmarked).slice(0, MAX_TAG_LENGTH).trim()
    if (tag && isTag(tag) && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase())
      out.push(tag)
    }
    if (out.length === MAX_TAGS) break
  }
  return out
}
