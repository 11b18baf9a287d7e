/** The user store's shape, its version, and the migrations from older versions. */
import * as v from 'valibot'

export const STORE_VERSION = 2

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
}

export type MigrationOutcome =
  { ok: true; data: UserData; migratedFrom: number | null } | { ok: false; reason: 'newer-version' | 'wrong-shape'; message: string }

export function migrate(raw: unknown): MigrationOutcome {
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
  const parsed = v.safeParse(UserData, doc)
  if (!parsed.success) {
    const first = parsed.issues[0]
    return {
      ok: false,
      reason: 'wrong-shape',
      message: `the file's contents are not a valid store (${v.getDotPath(first) ?? 'root'}: ${first.message})`,
    }
  }
  return { ok: true, data: parsed.output, migratedFrom: version === STORE_VERSION ? null : version }
}
