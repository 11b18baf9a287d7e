/**
 * Mending a note that breaks today's rules (shared/note-rules.ts) without losing what the user wrote: used when
 * an older store is migrated, and when a record that was set aside is brought back. Only the form of dates and
 * tags is mended (and another subject that cannot be read is dropped); a note whose text is too long, or whose
 * first subject is not an id, cannot be mended and stays aside (it can still be exported whole).
 */
import { randomUUID } from 'node:crypto'
import * as v from 'valibot'
import {
  isNoteAuthor,
  isNoteTarget,
  isNoteTimestamp,
  isNoteVersions,
  MAX_NOTE_BYTES,
  normaliseTags,
  noteSubjects,
  utf8Within,
} from '../../shared/note-rules'
import { firstVersion } from '../../shared/note-versions'

type Doc = Record<string, unknown>

export type Mended = { ok: true; note: Doc; changed: boolean } | { ok: false; why: string }

/** A date in today's form when the value names one (any ISO form Date reads, within range), else null. */
function canonicalDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (isNoteTimestamp(value)) return value
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return null
  const time = Date.parse(value)
  if (Number.isNaN(time)) return null
  const iso = new Date(time).toISOString()
  // Date rolls impossible days over (2026-02-30 → 2 March): only a date that reads back as written is mended.
  return iso.slice(0, 10) === value.slice(0, 10) || /[+-]\d{2}:?\d{2}$/.test(value) ? (isNoteTimestamp(iso) ? iso : null) : null
}

/**
 * `now` stands in for a creation or edit date that cannot be read: the note is kept, dated when it was mended.
 * `freshId` gives a note without a valid id a new one (a record brought back from aside; never during migration).
 * A version that cannot be read is replaced by one change on `device` when it is given (a note kept in the store
 * must have one); without it the note is left without a version, and is merged by the rules for notes that have
 * none (a record brought back from aside, like an older export). So with the shared mark and the author: with
 * `device` a note gets the defaults (personal, author not known) when they cannot be read; without it, they are
 * left out and the merge keeps what the store has.
 */
export function repairNoteFields(
  raw: unknown,
  now: string,
  { freshId = false, device }: { freshId?: boolean; device?: string } = {},
): Mended {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, why: 'it is not a note' }
  const note = raw as Doc
  // A free-standing note says so (null); a subject that cannot be read is not taken for one.
  const target = note['target']
  if (target !== null && !isNoteTarget(target)) return { ok: false, why: 'what it is about cannot be read' }
  // Other subjects that cannot be read are dropped one by one: the note and its first subject stay.
  const others = Array.isArray(note['alsoAbout']) ? note['alsoAbout'].filter(isNoteTarget) : []
  const { alsoAbout } = noteSubjects([...(target ? [target] : []), ...others])
  const body = note['body']
  if (typeof body !== 'string') return { ok: false, why: 'it has no text' }
  if (!utf8Within(body, MAX_NOTE_BYTES)) return { ok: false, why: `its text is longer than ${MAX_NOTE_BYTES / 1024 / 1024} MB` }
  let id = note['id']
  if (typeof id !== 'string' || !v.UUID_REGEX.test(id)) {
    if (!freshId) return { ok: false, why: 'its id is not valid' }
    id = randomUUID()
  }
  const updated = canonicalDate(note['updated']) ?? now
  let created = canonicalDate(note['created']) ?? updated
  if (created > updated) created = updated
  const trashed = note['trashed'] === null || note['trashed'] === undefined ? null : (canonicalDate(note['trashed']) ?? now)
  const previous = canonicalDate(note['previous'])
  const tags = Array.isArray(note['tags']) ? normaliseTags(note['tags']) : []
  const versions = isNoteVersions(note['versions']) ? { ...note['versions'] } : device ? firstVersion(device) : undefined
  const conflictOf = typeof note['conflictOf'] === 'string' && v.UUID_REGEX.test(note['conflictOf']) ? note['conflictOf'] : null
  const shared = typeof note['shared'] === 'boolean' ? note['shared'] : device ? false : undefined
  const author =
    note['author'] !== undefined && isNoteAuthor(note['author']) ? (note['author'] as object | null) : device ? null : undefined
  const mended = {
    id,
    target: target && { kind: target.kind, id: target.id },
    ...(alsoAbout ? { alsoAbout } : {}),
    body,
    tags,
    created,
    updated,
    trashed,
    previous: previous && previous < updated ? previous : null,
    ...(versions ? { versions } : {}),
    conflictOf,
    ...(shared !== undefined ? { shared } : {}),
    ...(author !== undefined ? { author: author && { ...author } } : {}),
  }
  const changed =
    Object.keys(note).length !== Object.keys(mended).length ||
    Object.entries(mended).some(([key, value]) => JSON.stringify(value) !== JSON.stringify(note[key]))
  return { ok: true, note: mended, changed }
}
