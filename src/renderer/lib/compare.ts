/**
 * The compare view's model: two to four organisations side by side, row by row, every cell with its sources.
 * Pure: built from the content index, no state and no DOM, so that it can be tested on its own.
 */
import { isSurer, surestFirst } from '../../shared/content/claims'
import type {
  DateClaim,
  FactStatus,
  Leader,
  LocalisedText,
  Organisation,
  RelationType,
  Source,
  TextClaim,
} from '../../shared/content/schema'
import type { ContentIndex } from './content-index'
import { KINDS } from './org-filters'
import { groupFigures, type FigureGroup } from './profile-groups'

export const MIN_COMPARED = 2
export const MAX_COMPARED = 4

/** The ids in `?ids=a,b`, through the pack's redirects, without repeats; ids the pack lacks are set apart. */
export function parseCompareIds(query: Record<string, string>, index: ContentIndex): { ids: string[]; unknown: string[] } {
  const ids: string[] = []
  const unknown: string[] = []
  for (const raw of (query['ids'] ?? '').split(',')) {
    const id = raw.trim()
    if (id === '') continue
    const resolved = index.pack.redirects[id] ?? id
    if (!index.organisations.has(resolved)) unknown.push(id)
    else if (!ids.includes(resolved) && ids.length < MAX_COMPARED) ids.push(resolved)
  }
  return { ids, unknown }
}

export const compareQuery = (ids: string[]): Record<string, string> => (ids.length > 0 ? { ids: ids.join(',') } : {})
export const withAdded = (ids: string[], id: string): string[] => (ids.includes(id) || ids.length >= MAX_COMPARED ? ids : [...ids, id])
export const withRemoved = (ids: string[], id: string): string[] => ids.filter((x) => x !== id)

export interface LinkedOrg {
  id: string
  name: string
  status: FactStatus
  sources: string[]
  note: LocalisedText | null
  since: DateClaim['value'] | null
}

export interface MembershipGroup {
  type: RelationType
  links: LinkedOrg[]
}

export interface CurrentLeader {
  leader: Leader
  /** No source gives when the term began or ended: it may or may not be current. */
  undated: boolean
}

export interface CompareColumn {
  org: Organisation
  founded: DateClaim[]
  headquarters: TextClaim[]
  /** Organisations recorded as current members (incoming member-of), surest first, then by name. */
  members: LinkedOrg[]
  /** The organisation's own relations to others (outgoing), by type. */
  memberships: MembershipGroup[]
  leaders: CurrentLeader[]
}

export interface FigureRow {
  key: string
  metric: string
  scope: LocalisedText | null
  label: LocalisedText | null
  unit: 'count' | 'eur' | 'percent'
  /** One per column: that organisation's figures for this metric and scope, or null. */
  cells: (FigureGroup | null)[]
}

export interface Comparison {
  columns: CompareColumn[]
  figureRows: FigureRow[]
  /** Every source the table cites, numbered in reading order (row by row, left to right). */
  order: string[]
  sources: Record<string, Source>
}

/** Current relations of one type between `id` and others, one per other organisation, keeping the surest. */
function currentLinks(index: ContentIndex, id: string, type: RelationType, direction: 'incoming' | 'outgoing'): LinkedOrg[] {
  const byOther = new Map<string, LinkedOrg>()
  for (const r of index.relationsOf.get(id) ?? []) {
    if (r.type !== type || r.until) continue
    if (direction === 'incoming' ? r.to !== id : r.from !== id) continue
    const other = direction === 'incoming' ? r.from : r.to
    if (!index.organisations.has(other)) continue
    const known = byOther.get(other)
    if (known && !isSurer(r.status, known.status)) continue
    byOther.set(other, {
      id: other,
      name: index.shortName(other),
      status: r.status,
      sources: r.sources,
      note: r.note ?? null,
      since: r.since ?? null,
    })
  }
  return [...byOther.values()].sort((a, b) => surestFirst(a, b) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))
}

/**
 * A column's members as the table shows them: those the sources state (sourced, then unverified), then the inferred
 * ones, set apart under their own mark.
 */
export function splitMembers(members: readonly LinkedOrg[]): { stated: LinkedOrg[]; inferred: LinkedOrg[] } {
  return { stated: members.filter((m) => m.status !== 'inferred'), inferred: members.filter((m) => m.status === 'inferred') }
}

/** Offices that succeed one another: a later president ends an earlier chair's term. */
const OFFICE: Record<Leader['role'], number> = {
  president: 0,
  'co-president': 0,
  chair: 0,
  'vice-president': 1,
  'secretary-general': 2,
  'director-general': 2,
  director: 2,
}

/**
 * The leaders the pack gives as current: in each office, the holder(s) with the latest start and no end; holders
 * with neither start nor end are added, marked, since the sources leave open whether they still serve.
 */
export function currentLeaders(leaders: Leader[]): CurrentLeader[] {
  const open = leaders.filter((l) => !l.to)
  const result: CurrentLeader[] = []
  for (const office of [0, 1, 2]) {
    const holders = open.filter((l) => OFFICE[l.role] === office)
    const dated = holders.filter((l) => l.from)
    const latest = dated.reduce((max, l) => (l.from!.value > max ? l.from!.value : max), '')
    for (const l of dated) if (l.from!.value === latest) result.push({ leader: l, undated: false })
    for (const l of holders) if (!l.from) result.push({ leader: l, undated: true })
  }
  return result
}

export function buildComparison(index: ContentIndex, ids: string[]): Comparison {
  const orgs = ids.map((id) => index.organisations.get(id)).filter((o): o is Organisation => o !== undefined)

  const columns: CompareColumn[] = orgs.map((org) => {
    const types = [...new Set((index.relationsOf.get(org.id) ?? []).filter((r) => r.from === org.id).map((r) => r.type))]
    return {
      org,
      founded: org.founded,
      headquarters: org.headquarters,
      members: currentLinks(index, org.id, 'member-of', 'incoming'),
      memberships: types.map((type) => ({ type, links: currentLinks(index, org.id, type, 'outgoing') })).filter((g) => g.links.length > 0),
      leaders: currentLeaders(org.leaders),
    }
  })

  const metricOrder = index.pack.metrics.map((m) => m.id)
  const groupsPerColumn = orgs.map((org) => groupFigures(org.figures))
  const keys = new Map<string, { metric: string; scope: LocalisedText | null }>()
  for (const groups of groupsPerColumn)
    for (const g of groups) keys.set(`${g.metric}|${g.scope?.en ?? ''}`, { metric: g.metric, scope: g.scope })
  const rank = (metric: string) => (metricOrder.includes(metric) ? metricOrder.indexOf(metric) : metricOrder.length)
  const figureRows: FigureRow[] = [...keys.entries()]
    .sort(([, a], [, b]) => rank(a.metric) - rank(b.metric) || (a.scope?.en ?? '').localeCompare(b.scope?.en ?? ''))
    .map(([key, { metric, scope }]) => {
      const definition = index.pack.metrics.find((m) => m.id === metric)
      return {
        key,
        metric,
        scope,
        label: definition?.label ?? null,
        unit: definition?.unit ?? 'count',
        cells: groupsPerColumn.map((groups) => groups.find((g) => `${g.metric}|${g.scope?.en ?? ''}` === key) ?? null),
      }
    })

  // Reading order: the header row, then each row left to right, as the table is laid out.
  const order: string[] = []
  const cite = (ids: string[]) => ids.forEach((id) => order.includes(id) || order.push(id))
  const rows: ((c: CompareColumn, i: number) => string[])[] = [
    (c) => c.org.sources,
    (c) => c.founded.flatMap((x) => x.sources),
    (c) => c.headquarters.flatMap((x) => x.sources),
    (c) => c.org.website?.sources ?? [],
    ...figureRows.map((row) => (_: CompareColumn, i: number) => row.cells[i]?.figures.flatMap((f) => f.sources) ?? []),
    (c) => Object.values(splitMembers(c.members)).flatMap((group) => group.flatMap((m) => m.sources)),
    (c) => c.memberships.flatMap((g) => g.links.flatMap((l) => l.sources)),
    (c) => c.leaders.flatMap((l) => l.leader.sources),
  ]
  for (const row of rows) columns.forEach((c, i) => cite(row(c, i)))

  const sources: Record<string, Source> = {}
  for (const id of order) {
    const source = index.sources.get(id)
    if (source) sources[id] = source
  }
  return { columns, figureRows, order: order.filter((id) => id in sources), sources }
}

/** The organisations that can still be added, by kind, each kind's entries sorted by short name. */
export function pickerGroups(
  index: ContentIndex,
  ids: string[],
): { kind: Organisation['kind']; options: { id: string; label: string }[] }[] {
  const groups = new Map<Organisation['kind'], { id: string; label: string }[]>()
  for (const org of index.pack.organisations) {
    if (ids.includes(org.id)) continue
    const label = org.names.acronym ? `${org.names.acronym} — ${org.names.english}` : org.names.english
    groups.set(org.kind, [...(groups.get(org.kind) ?? []), { id: org.id, label }])
  }
  return KINDS.filter((kind) => groups.has(kind)).map((kind) => ({
    kind,
    options: groups.get(kind)!.sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' })),
  }))
}
