/** Types that cross the process boundary (results of calls). */
import type {
  DateClaim,
  FactStatus,
  Figure,
  HistoryEvent,
  Leader,
  LocalisedText,
  Organisation,
  OrganisationKind,
  PartialDate,
  RelationType,
  Source,
  TextClaim,
} from './content/schema'

export interface AppStatus {
  version: string
  shell: 'desktop' | 'browse'
  pack: { ok: true; packVersion: string; date: string } | { ok: false; message: string; problems: string[] }
  /** Said once at start when the store had to be recovered or set aside: the user must be told. */
  storeNotice: string | null
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
  note: string | null
}

export interface OrganisationProfile {
  id: string
  names: Organisation['names']
  kind: OrganisationKind
  countries: string[]
  region: string | null
  founded: DateClaim[]
  headquarters: TextClaim[]
  website: Organisation['website'] | null
  description: LocalisedText
  figures: Figure[]
  metricLabels: Record<string, LocalisedText>
  leaders: Leader[]
  relations: RelationLink[]
  events: HistoryEvent[]
  /** Every source any fact on this profile cites, by id. */
  sources: Record<string, Source>
}

export type NoteTargetKind = 'organisation' | 'event' | 'pillar'

export interface NoteTarget {
  kind: NoteTargetKind
  id: string
}

export interface Note {
  id: string
  target: NoteTarget
  body: string
  tags: string[]
  created: string
  updated: string
  /** When it was moved to the trash; null while it is not in the trash. */
  trashed: string | null
  /** The `updated` of the version this one was edited from. */
  previous: string | null
}

/** A note as the all-notes view lists it: with what it is about, or orphaned when the pack no longer has that. */
export interface NoteListing extends Note {
  targetLabel: string | null
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
  applied: boolean
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
  name: string
  /** When the backup was made, from its name. */
  when: string
  kind: 'recent' | 'daily'
  notes: number
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
}
