/** The user store's shape, its version, and the migrations from older versions. */
import * as v from 'valibot'

export const STORE_VERSION = 1

const IsoTimestamp = v.pipe(v.string(), v.isoTimestamp())

export const StoredNote = v.object({
  id: v.pipe(v.string(), v.uuid()),
  target: v.object({ kind: v.picklist(['organisation', 'event', 'pillar']), id: v.string() }),
  body: v.string(),
  tags: v.array(v.string()),
  created: IsoTimestamp,
  updated: IsoTimestamp,
})

export const UserData = v.object({
  schemaVersion: v.literal(STORE_VERSION),
  notes: v.array(StoredNote),
  favourites: v.array(v.string()),
  settings: v.object({
    language: v.nullable(v.picklist(['en', 'fr', 'es'])),
    theme: v.picklist(['system', 'light', 'dark']),
  }),
})

export type UserData = v.InferOutput<typeof UserData>
export type StoredNote = v.InferOutput<typeof StoredNote>

export const emptyUserData = (): UserData => ({
  schemaVersion: STORE_VERSION,
  notes: [],
  favourites: [],
  settings: { language: null, theme: 'system' },
})

/**
 * Migrations: `migrations[n]` turns a version-n document into version n+1. Empty while there is one version;
 * the loop in `migrate` is what every later version plugs into.
 */
const migrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {}

export type MigrationOutcome =
  { ok: true; data: UserData; migratedFrom: number | null } | { ok: false; reason: 'newer-version' | 'wrong-shape'; message: string }

export function migrate(raw: unknown): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'wrong-shape', message: 'the file does not hold a store object' }
  }
  let doc = raw as Record<string, unknown>
  const version = doc.schemaVersion
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
