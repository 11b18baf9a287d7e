/** Types that cross the process boundary (results of calls). */
import type { ErrorWording } from './errors'
import type { StoreNoticePart, StoreProblem } from './store-notice'
import type { DateClaim, FactStatus, LocalisedText, OrganisationKind, PartialDate, RelationType } from './content/schema'

export interface AppStatus {
  version: string
  shell: 'desktop' | 'browse'
  pack: PackStatus
  /** Said once at start when the store had to be recovered or set aside: the user must be told (worded by the renderer). */
  storeNotice: StoreNoticePart[] | null
  device: DeviceInfo
}

export interface OrganisationSummary {
  id: string
  name: string
  acronym: string | null
  kind: OrganisationKind
  countries: string[]
  region: string | null
  /** The year of the first founding claim, for sorting; null when no source gives one. */
  foundedYear: number | null
  /** Current memberships (member-of relations without an end), one per organisation joined, for the list's filters. */
  memberOf: MembershipLink[]
}

/** A membership as the list needs it: whom, and how sure the pack is (an inferred membership is shown as such). */
export interface MembershipLink {
  id: string
  status: FactStatus
}

export interface RelationLink {
  type: RelationType
  /** Which way the relation points, seen from the profile's organisation. */
  direction: 'outgoing' | 'incoming'
  other: { id: string; name: string; acronym: string | null }
  since: PartialDate | null
  until: PartialDate | null
  status: DateClaim['status']
  sources: string[]
  note: LocalisedText | null
}

/** One organisation as its profile shows it: a projection of the pack, documented and built in one place. */
export type { OrganisationProfile } from './content/profile'

export type NoteTargetKind = 'organisation' | 'event' | 'pillar'

export interface NoteTarget {
  kind: NoteTargetKind
  id: string
}

export interface Note {
  id: string
  /** What it is about first; null for a free-standing note (a meeting, a trip, a question). */
  target: NoteTarget | null
  /** Its other subjects (shared/note-rules.ts subjectsOf); absent when it has none, as in notes from before. */
  alsoAbout?: NoteTarget[]
  body: string
  tags: string[]
  created: string
  updated: string
  /** When it was moved to the trash; null while it is not in the trash. */
  trashed: string | null
  /** The `updated` of the version this one was edited from. */
  previous: string | null
  /**
   * The note's exact version: how many times each device (by its id) changed it (shared/note-versions.ts). An edit
   * names the version it started from; one made from an older version than the stored one is kept as a copy.
   */
  versions: Record<string, number>
  /** Set on a conflict copy: the id of the note that was changed elsewhere while this text was written from it. */
  conflictOf: string | null
  /** In the shared (team) notebook: also written to the team folder, for colleagues to read. Personal otherwise. */
  shared: boolean
  /** Who last wrote its text (device id and name); null when not known (notes from before authors were kept). */
  author: NoteAuthor | null
}

/** A device that wrote a note's text, by its id and the name it had then. */
export interface NoteAuthor {
  device: string
  name: string
}

/**
 * What an edit did. `note` is the note as stored now: the edit, or, when the note had been changed elsewhere
 * since the version the edit started from, that other version, untouched. Then `conflictCopy` is a new note
 * holding the edit's text (its `conflictOf` names `note`); otherwise it is null. Neither text is lost.
 */
export interface NoteUpdateResult {
  note: Note
  conflictCopy: Note | null
}

/** This installation, as the user's notes know it: its id marks the changes made here. */
export interface DeviceInfo {
  id: string
  /** What the user calls it: the computer's name when it was first seen. */
  name: string
}

/**
 * A note as the all-notes view lists it: with what it is about, or orphaned when the pack no longer has its first
 * subject. `targetLabel`: the first subject's name (null for a free-standing or orphaned note); `otherLabels`: its
 * other subjects' names, in order (null for one the pack no longer has).
 */
export interface NoteListing extends Note {
  targetLabel: string | null
  otherLabels?: (string | null)[]
  orphaned: boolean
}

export interface TagCount {
  tag: string
  count: number
}

/** What an import would do (preview) or did (apply). */
export interface ImportSummary {
  total: number
  added: number
  updated: number
  unchanged: number
  /** Local notes kept because they are newer than the imported version. */
  keptNewer: number
  /** Both sides changed since they last agreed: the imported version is kept as a second note. */
  conflicts: number
  /** Notes of the file the editor could not have saved: left out, each with why. */
  refused: ImportRefusal[]
  applied: boolean
  /** A Markdown import: the files of the folder or zip that are not notes (not .md, or in a hidden folder). */
  skipped?: number
}

/**
 * A note an import leaves out. 'rules': it breaks a rule every note obeys (detail says which); 'future': it is
 * dated after tomorrow (detail: the date); 'order': its dates are out of order (detail: them); 'front-matter': a
 * Markdown file whose front matter cannot be read (detail: the parser's words; `problem` says which kind).
 */
export interface ImportRefusal {
  id: string | null
  /** The start of the note's text, when it has one. */
  excerpt: string | null
  /** A Markdown import's file the note was read from: its path in the folder or zip. */
  file?: string
  code: 'rules' | 'future' | 'order' | 'front-matter'
  /** 'front-matter': 'syntax' (not YAML), 'depth' (nested too deep, or too many values), 'length' (too long). */
  problem?: 'syntax' | 'depth' | 'length'
  /** The reason in English, for logs. */
  detail: string
  /** 'rules': where in the note the rule is broken (technical: "body", "tags[2]"). */
  path?: string
  /** 'order': the note's dates, as the file gives them. */
  dates?: { created: string; updated: string; previous: string | null }
}

export interface ExportedFile {
  fileName: string
  mediaType: string
  /** Text for JSON and Markdown; base64 for a zip. */
  content: string
  encoding: 'utf8' | 'base64'
}

export interface Correction {
  id: string
  target: NoteTarget
  fact: string
  kind: 'wrong' | 'outdated'
  correction: string
  source: string
  created: string
}

export interface Settings {
  language: 'en' | 'fr' | 'es' | null
  theme: 'system' | 'light' | 'dark'
  textSize: 'small' | 'medium' | 'large' | 'x-large'
  lastRoute: string | null
}

export interface BackupInfo {
  /** Its name in the backups folder; a kept one with its folder (kept-<when>/store-<when>.json). */
  name: string
  /** When the backup was made, from its name. */
  when: string
  /** 'kept': set apart, whole, when a recovery happened; the rotation never removes it. */
  kind: 'recent' | 'daily' | 'kept'
  /** How many notes it holds; null when it cannot be read (then `problem` says why; it can still be exported). */
  notes: number | null
  problem: StoreProblem | null
  /** True when it holds nothing to go back to (no notes, corrections or pins: store/backups.ts): it is not offered for restore. */
  empty: boolean
}

/** A file that recovery set aside in the data folder: a whole notes file that could not be read, or bad records. */
export interface SetAsideInfo {
  name: string
  /** When it was set aside, from its name. */
  when: string
  /** 'store': a notes file, whole as it was; 'changes': a change log, whole as it was. */
  kind: 'store' | 'changes'
  /** The reason it was set aside, in a word taken from its name (corrupt, empty, newer-version, partly-read, …). */
  reason: string
  /** How many notes it holds that are not here as they are, and could be brought back (mended where needed). */
  recoverableNotes: number
  /** Records in it that cannot be brought back (they can still be exported). */
  unrecoverable: number
}

/** What bringing back a set-aside file did: notes merged as an import merges them. */
export interface RecoverySummary extends ImportSummary {
  /** Records that could not be brought back, even mended. */
  leftAside: number
}

/** What installing a newer content pack would change. */
export interface PackUpdatePreview {
  current: { packVersion: string; date: string }
  next: { packVersion: string; date: string }
  /** False when the file is not newer than the pack in use: installing it is refused. */
  newer: boolean
  added: { id: string; name: string }[]
  changed: { id: string; name: string }[]
  removed: { id: string; name: string }[]
  events: { before: number; after: number }
  sources: { before: number; after: number }
  /** Notes whose subject the new pack no longer has: they are kept, listed as orphaned. */
  notesOrphaned: number
  /** Every changed text, figure and URL, in pack order (organisations, sources, events, relations, plan, kinds, pack). */
  changes: PackChange[]
  /** How many changes there are in all: `changes` stops at a few thousand (MAX_PREVIEW_CHANGES in pack-diff.ts). */
  changeCount: number
}

export type PackEntityKind = 'organisation' | 'source' | 'event' | 'relation' | 'plan' | 'cooperative-kind' | 'pack'

/** One changed value of a pack: an entity added or removed, or one field of it changed. */
export interface PackChange {
  entity: PackEntityKind
  /** The entity's id (a relation's is "from type to"). */
  id: string
  /** How people know it: an acronym, a title, "CECOP member-of CICOPA". */
  name: string
  kind: 'added' | 'removed' | 'changed'
  /** The field inside the entity, e.g. "website.value" or "figures[2].value"; empty for a whole entity removed. */
  path: string
  before: string | null
  after: string | null
  /** The field is a link, or the text holds one: what a hostile pack would change, so it is shown marked. */
  url: boolean
}

/** The version and date a pack carries. */
export interface PackHeader {
  packVersion: string
  date: string
}

/** Why a pack file was refused, or why the one installed earlier is not in use. */
export type PackRefusalReason =
  'not-a-pack' | 'not-signed' | 'unknown-key' | 'bad-signature' | 'invalid' | 'not-newer' | 'too-large' | 'unreadable'

/** The pack file in the user-data folder that is not in use, and why (it stays there until set aside). */
export interface InstalledPackIgnored {
  reason: PackRefusalReason
  /** The refusal in full (English, for logs), as for a file opened in Settings. */
  message: string
  /** The refusal as the renderer words it (shared/errors.ts), when main named it. */
  wording?: ErrorWording
  /** The key that signed it, when the reason is a key this app does not know. */
  keyId?: string
  /** Its version, when it was readable but not newer than the shipped pack. */
  packVersion?: string
}

/** The reference pack in use, where it came from, and an installed file passed over. */
export type PackStatus =
  | (PackHeader & {
      ok: true
      /** "shipped": the pack in the app's own resources; "installed": a signed file the user installed. */
      origin: 'shipped' | 'installed'
      /** The pack that shipped with the app, when it loaded. */
      shipped: PackHeader | null
      installedIgnored: InstalledPackIgnored | null
    })
  | { ok: false; reason: PackFailure; message: string; problems: string[]; installedIgnored: InstalledPackIgnored | null }

/**
 * Why no pack could be used: its files could not be read, are not JSON, do not match the schema, or contradict one
 * another (integrity). `message` and `problems` say it technically, in English, for whoever maintains the pack.
 */
export type PackFailure = 'unreadable' | 'not-json' | 'schema' | 'inconsistent'

/**
 * Why synchronisation with a folder did not happen (state 'problem'), or what it met and dealt with (state 'ok'):
 *  - folder-missing: the folder is not there (a drive not mounted, a share offline); tried again later.
 *  - folder-unreadable: the folder is there but cannot be listed (no permission).
 *  - folder-unwritable: this device's file could not be written there (read-only, full, no permission).
 *  - newer-format: another device writes a newer sync format: this Coop Atlas must be updated to go on.
 *  - same-device-id: another installation writes under this device's id (a copied installation): syncing stopped
 *    until this one takes a new id (sync.newDeviceId).
 *  - save-failed: what other devices wrote could not be saved here (the data folder's disk is full, …).
 *  - folder-emptied (with state 'ok'): this device's file had gone from the folder; it was written again, and
 *    nothing was deleted here.
 * Whatever the problem, nothing was changed in the notes here.
 */
export type SyncProblemCode =
  'folder-missing' | 'folder-unreadable' | 'folder-unwritable' | 'newer-format' | 'same-device-id' | 'save-failed' | 'folder-emptied'

export interface SyncProblem {
  code: SyncProblemCode
  /** In plain English, for logs; the renderer words it by `code` (with `folder` and `detail`). */
  message: string
  /** What the system said, when it said something (an error code such as EACCES or ENOSPC). */
  detail: string | null
}

/** Synchronisation through one folder (the personal sync folder, or the team folder). */
export interface SyncFolderStatus {
  /** 'off': no folder chosen. 'problem': the last attempt did not exchange (see `problem`); nothing was changed. */
  state: 'off' | 'ok' | 'problem'
  folder: string | null
  /** When notes were last exchanged with the folder (read and written), ISO; null when never since the start. */
  lastExchange: string | null
  /** How many other devices' files the folder holds (each device writes its own). */
  devices: number
  problem: SyncProblem | null
  /** Files of other devices that could not be read whole this time (still being copied, or damaged): read later. */
  skipped: number
  /** When an exchange with this folder last changed the notes here (ISO), null when none has since the start. */
  notesChanged: string | null
}

/** Synchronisation as Settings shows it: the personal folder (top level), the team folder, and this device. */
export interface SyncStatus extends SyncFolderStatus {
  team: SyncFolderStatus
  device: DeviceInfo
}

/** One note found by notes.search: only what the palette shows of it. */
export interface NoteSearchHit {
  id: string
  score: number
  /** The note's first line, as read (Markdown aside). */
  title: string
  /** What it is about, named in the language asked for ("CECOP, CICOPA"); null for a free-standing note. */
  about: string | null
  target: NoteTarget | null
  /** The words around the match, when it is past the first line. */
  snippet: string | null
}

/** What notes.search answers: hits, and whether notes are still being read into the index (so some may be missing). */
export interface NoteSearchResult {
  hits: NoteSearchHit[]
  indexing: boolean
  /** How many notes are still to be read in. */
  toIndex: number
}
