/** The user store's shape, its version, and the migrations from older versions. */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import * as v from 'valibot'
import { Id, ID_PATTERN } from '../../shared/content/schema'
import { MAX_CORRECTION_LENGTH } from '../../shared/contract'
import {
  ConflictOf,
  isNoteAuthor,
  isNoteTarget,
  isNoteTimestamp,
  isOtherSubjects,
  isNoteVersions,
  isTag,
  MAX_DEVICE_NAME_LENGTH,
  MAX_TAGS,
  NoteAuthor,
  NoteBody,
  NoteFirstSubject,
  NoteOtherSubjects,
  NoteTarget,
  NoteTimestamp,
  NoteVersions,
  Tags,
} from '../../shared/note-rules'
import { firstVersion } from '../../shared/note-versions'
import type { StoreProblem } from '../../shared/store-notice'
import { repairNoteFields } from './repair'
import { runToEnd, type Steps } from '../work-in-slices'

export const STORE_VERSION = 8

/**
 * A note as the store keeps it, and as every path in reads it: the editor's limits (shared/note-rules.ts) and
 * dates in one canonical form. Journal lines, snapshots, backups and imported files are all checked with this.
 */
export const StoredNote = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  /** Its first subject; null for a free-standing note. */
  target: NoteFirstSubject,
  /** Its other subjects; absent when none (notes from before version 8 have none). */
  alsoAbout: v.optional(NoteOtherSubjects),
  body: NoteBody,
  tags: Tags,
  created: NoteTimestamp,
  updated: NoteTimestamp,
  /** Set when the note is in the trash; only the user empties the trash. */
  trashed: v.nullable(NoteTimestamp),
  /** The `updated` of the version this one was edited from: tells a newer edit from a diverging one on import. */
  previous: v.nullable(NoteTimestamp),
  /** The note's exact version, one counter per device that changed it (shared/note-versions.ts). */
  versions: NoteVersions,
  /** On a conflict copy, the note it was made from. */
  conflictOf: ConflictOf,
  /** In the shared (team) notebook: also written to the team folder (services/sync). */
  shared: v.boolean(),
  /** Who last wrote the text: a device id and its name then; null when not known. */
  author: NoteAuthor,
})

/**
 * A note from outside the store — an imported file, a record brought back from aside — judged by the same rules,
 * but for its version, which files from before version vectors (older exports) do not have: such a note is
 * merged by the older rules (notes-transfer.ts), and given a version as it is saved.
 */
export const IncomingNote = v.strictObject({
  ...StoredNote.entries,
  versions: v.optional(NoteVersions),
  conflictOf: v.optional(ConflictOf),
  shared: v.optional(v.boolean()),
  author: v.optional(NoteAuthor),
})

/**
 * What a note deleted for good leaves behind: its id, the version it had (everything the deletion had seen), and
 * when. Exchanged through the sync folder, it removes the note on other devices where they hold that version or an
 * older one; a version it has not seen (an edit made elsewhere meanwhile) brings the note back. `shared`: the note
 * was in the shared notebook (so the deletion goes to the team folder too).
 */
export const Tombstone = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  versions: NoteVersions,
  deleted: NoteTimestamp,
  shared: v.boolean(),
})

/** A folder path as the store keeps it (checked when chosen: services/sync/folders.ts). */
const FolderPath = v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(4096)))

/** Where notes are synchronised: the user's sync folder, and the team folder of the shared notebook; null: none. */
export const SyncSettings = v.strictObject({ folder: FolderPath, teamFolder: FolderPath })

/** A user's correction of a fact, queued for the content maintainers: the limits of the form it is written in. */
export const StoredCorrection = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  target: NoteTarget,
  /** Which fact, in the user's words or as the app labelled it (e.g. "Founded"). */
  fact: v.pipe(v.string(), v.maxLength(300)),
  kind: v.picklist(['wrong', 'outdated']),
  correction: v.pipe(v.string(), v.maxLength(MAX_CORRECTION_LENGTH)),
  source: v.pipe(v.string(), v.maxLength(2000)),
  created: NoteTimestamp,
})

/**
 * What a correction withdrawn by the user leaves behind: its id, and when. Exchanged through the sync folder, it
 * removes the correction on every device, and keeps a file of another device that still holds it from bringing it
 * back (a correction is never edited: a withdrawal is final). One is kept for every correction ever withdrawn, and
 * none is ever dropped, since a device offline for months may still hold the correction in its file. That cannot
 * grow without limit in practice: each stands for a correction a person wrote by hand on a form (a few a week at
 * the most), and takes about 90 bytes — ten thousand withdrawals are under a megabyte.
 */
export const CorrectionTombstone = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  deleted: NoteTimestamp,
})

export const Settings = v.strictObject({
  language: v.nullable(v.picklist(['en', 'fr', 'es'])),
  theme: v.picklist(['system', 'light', 'dark']),
  textSize: v.picklist(['small', 'medium', 'large', 'x-large']),
  /** The place to come back to at the next start (a route such as #/org/cecop). */
  lastRoute: v.nullable(v.pipe(v.string(), v.maxLength(500))),
})

export const Favourites = v.array(Id)

export { MAX_DEVICE_NAME_LENGTH }

/**
 * This installation: its id marks the changes made here in each note's version. Made at the first start (or by
 * the migration to version 5) and kept with the notes; a new id is taken whenever the store goes back to an
 * older state (a backup restored, a recovery at start), so that no counter this device gave out is ever given
 * again to another text. The name is the one the user sees (the computer's name, by default).
 */
export const Device = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_DEVICE_NAME_LENGTH)),
})

export const UserData = v.object({
  schemaVersion: v.literal(STORE_VERSION),
  device: Device,
  notes: v.array(StoredNote),
  /** Notes deleted for good, by id (see Tombstone). */
  tombstones: v.array(Tombstone),
  corrections: v.array(StoredCorrection),
  /** Corrections withdrawn, by id (see CorrectionTombstone): a correction named here is not kept (user-store.ts). */
  correctionTombstones: v.array(CorrectionTombstone),
  favourites: Favourites,
  settings: Settings,
  sync: SyncSettings,
})

/** The same store with the notes' bodies kept apart (see snapshot-format.ts): validated before they are attached. */
const UserDataWithoutBodies = v.object({ ...UserData.entries, notes: v.array(v.omit(StoredNote, ['body'])) })

/** A stored note's fields apart from its body, in the schema's order (the order the snapshot writes them in). */
export const NOTE_KEYS_WITHOUT_BODY = Object.keys(StoredNote.entries).filter((k): k is Exclude<keyof StoredNote, 'body'> => k !== 'body')

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * The same rules as StoredNote (without its body), checked by hand on the parsed objects themselves: at 50,000
 * notes valibot took 190 ms of a 540 ms open, this takes 20 (npm run bench). It only ever says yes when valibot
 * would (a test holds it to that); on anything unusual, even a key too many, it says no and valibot decides.
 */
export function notesPlainlyValid(notes: unknown, { bodyPresent = false } = {}): boolean {
  if (!Array.isArray(notes)) return false
  // With `bodyPresent`, the body is there but not read (it may not be decoded yet: see snapshot-format.ts); the
  // caller vouches for it. That is how a snapshot is checked before it is written.
  // Every key but the optional `alsoAbout`, which is there or not.
  const keyCount = NOTE_KEYS_WITHOUT_BODY.length - 1 + (bodyPresent ? 1 : 0)
  for (const note of notes as unknown[]) {
    if (!isPlainObject(note)) return false
    const keys = Object.keys(note).length - ('alsoAbout' in note ? 1 : 0)
    if (keys !== keyCount || (bodyPresent && !('body' in note))) return false
    const { id, target, alsoAbout, tags, created, updated, trashed, previous, versions, conflictOf, shared, author } = note
    if (typeof id !== 'string' || !v.UUID_REGEX.test(id)) return false
    if (target !== null && !isNoteTarget(target)) return false
    if (alsoAbout !== undefined && !isOtherSubjects(alsoAbout)) return false
    if (!Array.isArray(tags) || tags.length > MAX_TAGS || !tags.every(isTag)) return false
    if (!isNoteTimestamp(created) || !isNoteTimestamp(updated)) return false
    if ((trashed !== null && !isNoteTimestamp(trashed)) || (previous !== null && !isNoteTimestamp(previous))) return false
    if (!isNoteVersions(versions)) return false
    if (conflictOf !== null && (typeof conflictOf !== 'string' || !v.UUID_REGEX.test(conflictOf))) return false
    if (typeof shared !== 'boolean' || !isNoteAuthor(author)) return false
  }
  return true
}

/**
 * `value` checked by `schema`, its notes by hand (notesPlainlyValid, which only says yes where valibot would) and
 * everything else by valibot with the notes emptied: valibot over every note held main for long stretches (an open,
 * a snapshot written, a merge of 10,000 notes: npm run bench). Returns what valibot gives for the rest, with the
 * notes as they are; null when unsure, and the caller checks the whole with valibot, which also says what is wrong.
 * `bodies`: absent (kept apart), present and vouched for by how they came in, or present and checked here.
 */
export function withNotesCheckedByHand<T extends { notes: unknown }>(schema: v.GenericSchema, value: T, bodies: BodiesChecked): T | null {
  return runToEnd(notesCheckedByHandInSteps(schema, value, bodies))
}

export type BodiesChecked = 'apart' | 'vouched' | 'checked'

/** Notes checked by hand in one step of notesCheckedByHandInSteps. */
const NOTES_CHECKED_PER_STEP = 64

/** withNotesCheckedByHand a few notes at a time (a change of 10,000 notes checked in the store's queue). */
export function* notesCheckedByHandInSteps<T extends { notes: unknown }>(
  schema: v.GenericSchema,
  value: T,
  bodies: BodiesChecked,
): Steps<T | null> {
  const { notes } = value
  if (!Array.isArray(notes)) return null
  for (let at = 0; at < notes.length; at += NOTES_CHECKED_PER_STEP) {
    const some = notes.slice(at, at + NOTES_CHECKED_PER_STEP) as unknown[]
    if (!notesPlainlyValid(some, { bodyPresent: bodies !== 'apart' })) return null
    if (bodies === 'checked' && !(some as { body: unknown }[]).every((n) => v.is(NoteBody, n.body))) return null
    yield
  }
  const rest = v.safeParse(schema, { ...value, notes: [] })
  return rest.success ? ({ ...(rest.output as object), notes } as T) : null
}

export type UserData = v.InferOutput<typeof UserData>
export type StoredNote = v.InferOutput<typeof StoredNote>
export type IncomingNote = v.InferOutput<typeof IncomingNote>
export type StoredCorrection = v.InferOutput<typeof StoredCorrection>
export type Settings = v.InferOutput<typeof Settings>
export type Device = v.InferOutput<typeof Device>
export type Tombstone = v.InferOutput<typeof Tombstone>
export type CorrectionTombstone = v.InferOutput<typeof CorrectionTombstone>
export type SyncSettings = v.InferOutput<typeof SyncSettings>

export const defaultSettings = (): Settings => ({ language: null, theme: 'system', textSize: 'medium', lastRoute: null })
export const defaultSync = (): SyncSettings => ({ folder: null, teamFolder: null })

/** The name the user sees for this computer: its host name, or a plain word when it has none. */
export function deviceName(): string {
  let name = ''
  try {
    name = hostname().trim()
  } catch {
    // no host name to be had: the plain word below
  }
  return name.slice(0, MAX_DEVICE_NAME_LENGTH) || 'This computer'
}

/** A new id for this installation; `name` kept when there is one (a new id after a restore, same computer). */
export const newDevice = (name: string = deviceName()): Device => ({ id: randomUUID(), name })

export const emptyUserData = (): UserData => ({
  schemaVersion: STORE_VERSION,
  device: newDevice(),
  notes: [],
  tombstones: [],
  corrections: [],
  correctionTombstones: [],
  favourites: [],
  settings: defaultSettings(),
  sync: defaultSync(),
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
  // 3 → 4: the same data under one set of rules for every way in (shared/note-rules.ts). Notes an import let in
  // with dates or tags that the editor refuses are mended as they are read (salvageStore), their originals kept.
  3: (doc) => doc,
  // 4 → 5: this installation gets its device id, and every note an exact version: one change, made here (all we
  // know of a note's past before versions). No note is a conflict copy yet.
  4: (doc) => {
    const device = newDevice()
    return {
      ...doc,
      device,
      notes: Array.isArray(doc['notes'])
        ? doc['notes'].map((n: unknown) => (isPlainObject(n) ? { ...n, versions: firstVersion(device.id), conflictOf: null } : n))
        : doc['notes'],
    }
  },
  // 5 → 6: synchronisation through a folder. Every note is personal (not in the shared notebook) and its author is
  // not known; no note has been deleted for good since (deletions leave tombstones from now on); no folder is chosen.
  5: (doc) => ({
    ...doc,
    notes: Array.isArray(doc['notes'])
      ? doc['notes'].map((n: unknown) => (isPlainObject(n) ? { ...n, shared: false, author: null } : n))
      : doc['notes'],
    tombstones: [],
    sync: defaultSync(),
  }),
  // 6 → 7: corrections travel through the sync folder too. None has been withdrawn since (a withdrawal leaves a
  // tombstone from now on); the corrections themselves are as they were.
  6: (doc) => ({ ...doc, correctionTombstones: [] }),
  // 7 → 8: a note may be about nothing (a free-standing note: target null) or about several things (alsoAbout).
  // Every note so far is about one thing: the notes are as they were. The version tells an older app, which would
  // misread those notes, that this store is not for it.
  7: (doc) => doc,
}

/**
 * Whether `data` would read back as a store: the check a snapshot passes before it is written. The notes' bodies
 * are vouched for by how they came in (a checked change, or a checked file), so they are not decoded here.
 */
export function checkBeforeWrite(data: UserData): string | null {
  return runToEnd(checkBeforeWriteInSteps(data))
}

/** checkBeforeWrite a few notes at a time (a fold's snapshot, checked while saves go on). */
export function* checkBeforeWriteInSteps(data: UserData): Steps<string | null> {
  if (yield* notesCheckedByHandInSteps(UserData, data, 'vouched')) return null
  const whole = v.safeParse(UserData, data)
  return whole.success ? null : describeIssue(whole.issues[0])
}

export type MigrationOutcome =
  | { ok: true; data: UserData; migratedFrom: number | null }
  | { ok: false; reason: 'newer-version' | 'wrong-shape'; problem: StoreProblem; doc?: Doc; migratedFrom?: number | null }

/**
 * Brings a document to the current version and checks it whole. `bodiesApart`: the notes come without their
 * bodies, which the caller attaches once they are validated. On a 'wrong-shape' failure of a document that did
 * reach the current version, `doc` is returned so that the caller can keep its good records (salvageStore).
 */
export function migrate(raw: unknown, { bodiesApart = false } = {}): MigrationOutcome {
  if (!isPlainObject(raw)) {
    return { ok: false, reason: 'wrong-shape', problem: { key: 'not-a-store', values: {} } }
  }
  let doc = raw
  const version = doc['schemaVersion']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'wrong-shape', problem: { key: 'no-version', values: {} } }
  }
  if (version > STORE_VERSION) {
    return {
      ok: false,
      reason: 'newer-version',
      problem: { key: 'newer-version', values: { version: String(version), known: String(STORE_VERSION) } },
    }
  }
  for (let from = version; from < STORE_VERSION; from++) {
    const step = migrations[from]
    if (!step) return { ok: false, reason: 'wrong-shape', problem: { key: 'no-migration', values: { from: String(from) } } }
    doc = { ...step(doc), schemaVersion: from + 1 }
  }
  const migratedFrom = version === STORE_VERSION ? null : version
  const byHand = bodiesApart ? withNotesCheckedByHand(UserDataWithoutBodies, { ...doc, notes: doc['notes'] }, 'apart') : null
  if (byHand) return { ok: true, data: byHand as unknown as UserData, migratedFrom }
  const parsed = v.safeParse(bodiesApart ? UserDataWithoutBodies : UserData, doc)
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'wrong-shape',
      problem: {
        key: 'invalid-contents',
        values: { path: v.getDotPath(parsed.issues[0]) ?? 'root', detail: parsed.issues[0].message },
      },
      doc,
      migratedFrom,
    }
  }
  return { ok: true, data: parsed.output as UserData, migratedFrom }
}

/**
 * The records of a list that pass `schema`, the first of each id kept; every other one set aside with why (a bad
 * record, or a second one for an id already kept).
 */
function keepOnePerId<S extends v.GenericSchema<unknown, { id: string }>>(
  records: unknown,
  schema: S,
  kind: SetAsideRecord['kind'],
  secondWhy: string,
  setAside: SetAsideRecord[],
): Map<string, v.InferOutput<S>> {
  const kept = new Map<string, v.InferOutput<S>>()
  for (const raw of (records ?? []) as unknown[]) {
    const parsed = v.safeParse(schema, raw)
    if (parsed.success && !kept.has(parsed.output.id)) kept.set(parsed.output.id, parsed.output)
    else setAside.push({ kind, record: raw, why: parsed.success ? secondWhy : describeIssue(parsed.issues[0]) })
  }
  return kept
}

const describeIssue = (issue: v.BaseIssue<unknown>) => `${v.getDotPath(issue) ?? 'root'}: ${issue.message}`

/** A record that could not be kept as it was, exactly as it was read, and why. */
export interface SetAsideRecord {
  kind: 'note' | 'correction' | 'favourite' | 'settings' | 'device' | 'tombstone' | 'correction-tombstone' | 'sync'
  record: unknown
  why: string
  /** For a note that was mended and kept: it is in the store, this is its original. */
  mended?: boolean
}

export interface Salvage {
  data: UserData
  setAside: SetAsideRecord[]
}

/**
 * Keeps every good record of a store document (at the current version) whose whole did not pass: a note that
 * breaks only the form of its dates or tags is mended and kept; anything else that is bad is set aside, alone.
 * Returns null when the document is not a store at all (its lists are not lists), which is a whole-file matter.
 */
export function salvageStore(doc: Doc, now: string): Salvage | null {
  const { notes, corrections, favourites, settings, tombstones, correctionTombstones, sync } = doc
  if (
    !Array.isArray(notes) ||
    !Array.isArray(corrections ?? []) ||
    !Array.isArray(favourites ?? []) ||
    !Array.isArray(tombstones ?? []) ||
    !Array.isArray(correctionTombstones ?? [])
  )
    return null
  const setAside: SetAsideRecord[] = []
  const readDevice = v.safeParse(Device, doc['device'])
  // A device record that cannot be read is replaced: the store then starts a new id (see Device), never a wrong one.
  const device = readDevice.success ? readDevice.output : newDevice()
  if (!readDevice.success) setAside.push({ kind: 'device', record: doc['device'] ?? null, why: describeIssue(readDevice.issues[0]) })
  const kept = new Map<string, StoredNote>()
  for (const raw of notes as unknown[]) {
    const parsed = v.safeParse(StoredNote, raw)
    if (parsed.success) {
      kept.set(parsed.output.id, parsed.output)
      continue
    }
    const mended = repairNoteFields(raw, now, { device: device.id })
    const checked = mended.ok ? v.safeParse(StoredNote, mended.note) : null
    if (checked?.success && !kept.has(checked.output.id)) {
      kept.set(checked.output.id, checked.output)
      setAside.push({ kind: 'note', record: raw, why: describeIssue(parsed.issues[0]), mended: true })
    } else setAside.push({ kind: 'note', record: raw, why: mended.ok ? describeIssue(parsed.issues[0]) : mended.why })
  }
  const keptTombstones = keepOnePerId(tombstones, Tombstone, 'tombstone', 'a second tombstone for one note', setAside)
  // Folders that cannot be read are forgotten (synchronisation is then off until a folder is chosen again).
  const readSync = v.safeParse(SyncSettings, sync)
  if (!readSync.success) setAside.push({ kind: 'sync', record: sync ?? null, why: describeIssue(readSync.issues[0]) })
  const keptCorrectionTombstones = keepOnePerId(
    correctionTombstones,
    CorrectionTombstone,
    'correction-tombstone',
    'a second tombstone for one correction',
    setAside,
  )
  const keptCorrections = new Map<string, StoredCorrection>()
  for (const raw of (corrections ?? []) as unknown[]) {
    const parsed = v.safeParse(StoredCorrection, raw)
    if (parsed.success) {
      const { id } = parsed.output
      const before = keptCorrections.get(id)
      // A correction that was withdrawn stays withdrawn (its tombstone says so), and one written twice is one: no
      // record to set aside. A second, different correction under one id is (corrections are never edited).
      if (keptCorrectionTombstones.has(id) || (before && JSON.stringify(before) === JSON.stringify(parsed.output))) continue
      if (!before) {
        keptCorrections.set(id, parsed.output)
        continue
      }
    }
    setAside.push({
      kind: 'correction',
      record: raw,
      why: parsed.success ? 'a second, different correction with one id' : describeIssue(parsed.issues[0]),
    })
  }
  const keptFavourites: string[] = []
  for (const raw of (favourites ?? []) as unknown[]) {
    if (typeof raw === 'string' && ID_PATTERN.test(raw)) keptFavourites.push(raw)
    else setAside.push({ kind: 'favourite', record: raw, why: 'it is not an organisation id' })
  }
  const defaults = defaultSettings()
  const given = isPlainObject(settings) ? settings : {}
  const keptSettings = Object.fromEntries(
    (Object.keys(defaults) as (keyof Settings)[]).map((key) => {
      const field = v.safeParse(Settings.entries[key], given[key])
      return [key, field.success ? field.output : defaults[key]]
    }),
  ) as Settings
  const settingsOk = v.safeParse(Settings, settings).success
  if (!settingsOk)
    setAside.push({ kind: 'settings', record: settings ?? null, why: 'some settings could not be read; the others were kept' })
  return {
    data: {
      schemaVersion: STORE_VERSION,
      device,
      notes: [...kept.values()],
      tombstones: [...keptTombstones.values()],
      corrections: [...keptCorrections.values()],
      correctionTombstones: [...keptCorrectionTombstones.values()],
      favourites: keptFavourites,
      settings: keptSettings,
      sync: readSync.success ? readSync.output : defaultSync(),
    },
    setAside,
  }
}
