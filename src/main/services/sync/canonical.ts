/**
 * One way to write a note, a correction or a tombstone as text, whatever order its fields were set in: the sync
 * folder's files are compared and checksummed as text, and the merge settles ties by it, so every device must
 * write the same.
 */
import type { CorrectionTombstone, StoredCorrection as Correction, StoredNote as Note, Tombstone } from '../../store/schema'
import { NOTE_KEYS_WITHOUT_BODY } from '../../store/schema'

const sortedVersions = (versions: Readonly<Record<string, number>>) =>
  Object.fromEntries(
    Object.keys(versions)
      .sort()
      .map((device) => [device, versions[device]!]),
  )

/** The note with its fields in the store's order (body after the rest) and its version's devices sorted. */
export function canonicalNote(note: Note): Note {
  const out: Record<string, unknown> = {}
  for (const key of NOTE_KEYS_WITHOUT_BODY) {
    const value = note[key]
    // No other subject: no key, as in notes from before there could be others (their text stays the same).
    if (key === 'alsoAbout' && (value === undefined || note.alsoAbout!.length === 0)) continue
    out[key] =
      key === 'versions'
        ? sortedVersions(note.versions)
        : key === 'target'
          ? note.target && { kind: note.target.kind, id: note.target.id }
          : key === 'alsoAbout'
            ? note.alsoAbout!.map((t) => ({ kind: t.kind, id: t.id }))
            : key === 'author'
              ? note.author && { device: note.author.device, name: note.author.name }
              : value
  }
  out['body'] = note.body
  return out as Note
}

export const canonicalTombstone = (tombstone: Tombstone): Tombstone => ({
  id: tombstone.id,
  versions: sortedVersions(tombstone.versions),
  deleted: tombstone.deleted,
  shared: tombstone.shared,
})

/** The correction with its fields in the store's order. */
export const canonicalCorrection = (correction: Correction): Correction => ({
  id: correction.id,
  target: { kind: correction.target.kind, id: correction.target.id },
  fact: correction.fact,
  kind: correction.kind,
  correction: correction.correction,
  source: correction.source,
  created: correction.created,
})

export const canonicalCorrectionTombstone = (tombstone: CorrectionTombstone): CorrectionTombstone => ({
  id: tombstone.id,
  deleted: tombstone.deleted,
})

/** The user's corrections and their tombstones: what the personal folder carries besides the notes. */
export interface CorrectionsPart {
  corrections: Iterable<Correction>
  correctionTombstones: Iterable<CorrectionTombstone>
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Notes and tombstones as one canonical JSON text: each in canonical form, in the order of their ids; with
 * `corrections` (the personal folder's file), the corrections and their tombstones after them, the same way.
 */
export function canonicalReplica(notes: Iterable<Note>, tombstones: Iterable<Tombstone>, corrections?: CorrectionsPart): string {
  return [...canonicalReplicaPieces(notes, tombstones, corrections)].join('')
}

/**
 * canonicalReplica's text in pieces (joined, they are it): one per note, tombstone or correction, so that a text of
 * 110 MB (50,000 notes) can be made, hashed and written a slice at a time. Each piece is whole JSON values and the
 * punctuation between them, never part of a string.
 */
export function* canonicalReplicaPieces(
  notes: Iterable<Note>,
  tombstones: Iterable<Tombstone>,
  corrections?: CorrectionsPart,
): Generator<string, void> {
  const list = function* <T extends { id: string }>(key: string, items: Iterable<T>, canonical: (item: T) => unknown, first = false) {
    yield `${first ? '{' : ','}"${key}":[`
    let comma = ''
    for (const item of [...items].sort(byId)) {
      yield comma + JSON.stringify(canonical(item))
      comma = ','
    }
    yield ']'
  }
  yield* list('notes', notes, canonicalNote, true)
  yield* list('tombstones', tombstones, canonicalTombstone)
  if (corrections) {
    yield* list('corrections', corrections.corrections, canonicalCorrection)
    yield* list('correctionTombstones', corrections.correctionTombstones, canonicalCorrectionTombstone)
  }
  yield '}'
}
