/** Types that cross the process boundary (results of calls). */
import type {
  DateClaim,
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
}
