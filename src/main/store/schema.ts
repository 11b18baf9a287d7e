/** The user store's shape, its version, and the migrations from older versions. */
import * as v from 'valibot'

export const STORE_VERSION = 3

const IsoTimestamp = v.pipe(v.string(), v.isoTimestamp())

export const NoteTargetKind = v.picklist(['organisation', 'event', 'pillar'])

export const StoredNote = v.object({
  id: v.pipe(v.string(), v.uuid()),
  target: v.object({ kind: NoteTargetKind, id: v.string() }),
  body: v.string(),
  tags: v.array(v.string()),
  created: IsoTimestamp,
  updated: IsoTimestamp,
  /** Set when the note is in the trash; only the user empties the trash. */
  trashed: v.nullable(IsoTimestamp),
  /** The `updated` of the version this one was edited from: tells a newer edit from a diverging one on import. */
  previous: v.nullable(IsoTimestamp),
})

/** A user's correction of a fact, queued for the content maintainers. */
export const StoredCorrection = v.object({
  id: v.pipe(v.string(), v.uuid()),
  target: v.object({ kind: NoteTargetKind, id: v.string() }),
  /** Which fact, in the user's words or as the app labelled it (e.g. "Founded"). */
  fact: v.string(),
  kind: v.picklist(['wrong', 'outdated']),
  correction: v.string(),
  source: v.string(),
  created: IsoTimestamp,
})

export const Settings = v.object({
  language: v.nullable(v.picklist(['en', 'fr', 'es'])),
  theme: v.picklist(['system', 'light', 'dark']),
  textSize: v.picklist(['small', 'medium', 'large', 'x-large']),
  /** The place to come back to at the next start (a route such as #/org/cecop). */
  lastRoute: v.nullable(v.pipe(v.string(), v.maxLength(500))),
})

export const UserData = v.object({
  schemaVersion: v.literal(STORE_VERSION),
  notes: v.array(StoredNote),
  corrections: v.array(StoredCorrection),
  favourites: v.array(v.string()),
  settings: Settings,
})

/** The same store with the notes' bodies kept apart (see snapshot-format.ts): validated before they are attached. */
const UserDataWithoutBodies = v.object({ ...UserData.entries, notes: v.array(v.omit(StoredNote, ['body'])) })

/** A stored note's fields apart from its body, in the schema's order (the order the snapshot writes them in). */
export const NOTE_KEYS_WITHOUT_BODY = Object.keys(StoredNote.entries).filter((k): k is Exclude<keyof StoredNote, 'body'> => k !== 'body')
const isTimestamp = (x: unknown): boolean => typeof x === 'string' && v.ISO_TIMESTAMP_REGEX.test(x)

/**
 * The same rules as StoredNote (without its body), checked by hand on the parsed objects themselves: at 50,000
 * notes valibot took 190 ms of a 540 ms open, this takes 20 (npm run bench). It only ever says yes when valibot
 * would (a test holds it to that); on anything unusual, even a key too many, it says no and valibot decides.
 */
export function notesPlainlyValid(notes: unknown): boolean {
  if (!Array.isArray(notes)) return false
  for (const note of notes as Record<string, unknown>[]) {
    if (typeof note !== 'object' || note === null || Array.isArray(note)) return false
    if (Object.keys(note).length !== NOTE_KEYS_WITHOUT_BODY.length) return false
    const { id, target, tags, created, updated, trashed, previous } = note
    if (typeof id !== 'string' || !v.UUID_REGEX.test(id)) return false
    if (typeof target !== 'object' || target === null || Array.isArray(target) || Object.keys(target).length !== 2) return false
    const { kind, id: targetId } = target as Record<string, unknown>
    if ((kind !== 'organisation' && kind !== 'event' && kind !== 'pillar') || typeof targetId !== 'string') return false
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) return false
    if (!isTimestamp(created) || !isTimestamp(updated)) return false
    if ((trashed !== null && !isTimestamp(trashed)) || (previous !== null && !isTimestamp(previous))) return false
  }
  return true
}

export type UserData = v.InferOutput<typeof UserData>
export type StoredNote = v.InferOutput<typeof StoredNote>
export type StoredCorrection = v.InferOutput<typeof StoredCorrection>
export type Settings = v.InferOutput<typeof Settings>

export const defaultSettings = (): Settings => ({ language: null, theme: 'system', textSize: 'medium', lastRoute: null })

export const emptyUserData = (): UserData => ({
  schemaVersion: STORE_VERSION,
  notes: [],
  corrections: [],
  favourites: [],
  settings: defaultSettings(),
})

type Doc = Record<string, unknown>

/** `migrations[n]` turns a version-n document into version n+1. */
const migrations: Record<number, (doc: Doc) => Doc> = {
  // 1 → 2: notes gain a trash mark; corrections, text size and the last place arrive.
  1: (doc) => ({
    ...doc,
    notes: Array.isArray(doc['notes']) ? doc['notes'].map((n: Doc) => ({ ...n, trashed: null, previous: null })) : doc['notes'],
    corrections: [],
    settings: { ...defaultSettings(), ...(doc['settings'] as Doc | undefined) },
  }),
  // 2 → 3: the same data; the file now keeps the notes' bodies after everything else (snapshot-format.ts). The
  // version changes so that an older Coop Atlas sets such a file aside instead of misreading it.
  2: (doc) => doc,
}

export type MigrationOutcome =
  { ok: true; data: UserData; migratedFrom: number | null } | { ok: false; reason: 'newer-version' | 'wrong-shape'; message: string }

/** `bodiesApart`: the notes come without their bodies, which the caller attaches once they are validated. */
export function migrate(raw: unknown, { bodiesApart = false } = {}): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'wrong-shape', message: 'the file does not hold a store object' }
  }
  let doc = raw as Doc
  const version = doc['schemaVersion']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'wrong-shape', message: 'the file has no valid schema version' }
  }
  if (version > STORE_VERSION) {
    return {
      ok: false,
      reason: 'newer-version',
      message: `the file was written by a newer Coop Atlas (store version ${version}; this one knows ${STORE_VERSION})`,
    }
  }
  for (let from = version; from < STORE_VERSION; from++) {
    const step = migrations[from]
    if (!step) return { ok: false, reason: 'wrong-shape', message: `no migration from store version ${from}` }
    doc = { ...step(doc), schemaVersion: from + 1 }
  }
  if (bodiesApart && notesPlainlyValid(doc['notes'])) {
    // The notes passed the same rules by hand; valibot checks the rest (and the notes are kept as they are).
    const rest = v.safeParse(UserDataWithoutBodies, { ...doc, notes: [] })
    if (rest.success)
      return {
        ok: true,
        data: { ...rest.output, notes: doc['notes'] } as UserData,
        migratedFrom: version === STORE_VERSION ? null : version,
      }
  }
  const parsed = v.safeParse(bodiesApart ? UserDataWithoutBodies : UserData, doc)
  if (!parsed.success) {
    const first = parsed.issues[0]
    return {
      ok: false,
      reason: 'wrong-shape',
      message: `the file's contents are not a valid store (${v.getDotPath(first) ?? 'root'}: ${first.message})`,
    }
  }
  return { ok: true, data: parsed.output as UserData, migratedFrom: version === STORE_VERSION ? null : version }
}
