/**
 * The network view's geometry, as pure functions of the pack: a layered diagram of who belongs to whom.
 *
 * Structural relations (member-of, regional-organisation-of, sub-region-of, sectoral-organisation-of) make a
 * tree: each organisation hangs under one *primary* parent, the most specific one (deepest in the structure),
 * and every other relation it has is drawn as an extra edge. Organisations whose primary link is a membership
 * are listed in columns under their parent, grouped by country, with their own members indented beneath them;
 * the others ("hubs": ICA, CICOPA, the regional and sub-regional bodies, the networks) stand in rows above.
 * Networks that only others belong to, and forerunners, take the row next to what they are linked to.
 */
import type { FactStatus, Organisation, PartialDate, Relation, RelationType } from '../../shared/content/schema'

/** The relation types in the order the legend lists them. */
export const RELATION_TYPES: readonly RelationType[] = [
  'sectoral-organisation-of',
  'regional-organisation-of',
  'sub-region-of',
  'member-of',
  'founding-member-of',
  'forerunner-of',
]

/** Structural types, most telling first: when two parents are equally deep, the regional link wins. */
const STRUCTURAL_RANK: Partial<Record<RelationType, number>> = {
  'regional-organisation-of': 0,
  'sub-region-of': 1,
  'sectoral-organisation-of': 2,
  'member-of': 3,
}
const STATUS_RANK: Record<FactStatus, number> = { sourced: 0, inferred: 1, unverified: 2 }

export const isStructural = (type: RelationType): boolean => STRUCTURAL_RANK[type] !== undefined

export type TextStyle = 'hub' | 'hub-sub' | 'member' | 'caption' | 'heading'

/** Sizes the drawing uses; the component draws text at these sizes so the estimates hold. */
export const GEOMETRY = {
  margin: 16,
  font: { hub: 13.5, 'hub-sub': 11, member: 12.5, caption: 10.5, heading: 12.5 } satisfies Record<TextStyle, number>,
  hub: { padX: 11, padY: 8, line: 17, sub: 14, minWidth: 80, maxWidth: 142, maxLines: 3 },
  rowGap: 48,
  hubGap: 16,
  columnsGap: 60,
  column: { width: 170, gap: 18, groupGap: 26, spine: 7, pillX: 21, nest: 14, heading: 17, caption: 17, captionGap: 7 },
  pill: { padX: 7, line: 15, height: 22, gap: 4 },
} as const

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface NetworkNode extends Box {
  id: string
  /** hub: a box in the rows; member: a line in a member column. */
  role: 'hub' | 'member'
  lines: string[]
  /** Hubs: the founding year, or years where sources disagree. */
  sub: string | null
  /** The primary parent and the index (in the pack's relations) of the relation to it. */
  parent: string | null
  primary: number | null
  /** Hubs: their row. Members: -1. */
  layer: number
  /** Members: how deep under the column's hub (0 directly under it). */
  indent: number
  /** Members: the hub whose column holds them. */
  group: string | null
}

export interface NetworkEdge {
  /** Index of the relation in the pack's list (relations have no ids; one pair may be linked twice). */
  index: number
  relation: Relation
  /** Part of the tree (a primary link), drawn firmly; the others are drawn as extra edges. */
  tree: boolean
  path: string
}

/** A heading over a member column, or a country heading inside one. */
export interface Caption {
  kind: 'group' | 'country'
  group: string
  x: number
  y: number
  lines: string[]
}

/** Lines that carry no relation of their own: the trunk from a hub to its column, and the column's spine. */
export interface Connector {
  group: string
  path: string
}

export interface OutlineItem {
  id: string
  /** The relation that places it here (index into the pack's relations), or null for a top-level organisation. */
  via: number | null
  children: OutlineItem[]
  /** Members, grouped by country. */
  groups: OutlineGroup[]
}

export interface OutlineGroup {
  key: string
  label: string
  items: OutlineItem[]
}

export interface NetworkLayout {
  width: number
  height: number
  nodes: NetworkNode[]
  edges: NetworkEdge[]
  captions: Caption[]
  connectors: Connector[]
  /** The same structure as a nested list: top-level organisations first. */
  outline: OutlineItem[]
  /** Organisations with no relation at all in the pack: not drawn, listed apart. */
  unlinked: string[]
}

export interface LayoutOptions {
  /** The width available; the layout uses more only when it cannot fit. */
  width: number
  /** The name to draw for an organisation (its short name). */
  label: (id: string) => string
  /** The heading of a group of countries (one name, several, or "no country" for []). */
  countryLabel: (codes: readonly string[]) => string
  /** The heading over a hub's member column; `others` when the hub also has regional bodies below it. */
  groupHeading: (hub: string, others: boolean) => string
  compare?: (a: string, b: string) => number
  measure?: (text: string, style: TextStyle) => number
}

/** A width estimate for system sans-serif text, on the generous side so labels fit their boxes. */
export function estimateWidth(text: string, style: TextStyle): number {
  const size = GEOMETRY.font[style]
  let em = 0
  for (const ch of text) {
    if (/[iljtf.,:;'’!|()[\]\s-]/.test(ch)) em += ch === ' ' ? 0.29 : 0.32
    else if (/[mwMW]/.test(ch)) em += 0.86
    else if (/[A-Z0-9ÀÁÈÉÎÔÇŠČ–—&]/.test(ch)) em += 0.68
    else em += 0.55
  }
  const bold = style === 'hub' || style === 'heading' ? 1.06 : 1
  const spacing = style === 'caption' ? text.length * 0.08 * size : 0
  // Wide system fonts (DejaVu Sans) run up to a seventh wider than this average: err on their side.
  return (em * size * bold + spacing) * 1.15
}

/** Breaks a label into at most `maxLines` lines no wider than `width`; the last line ends in … if it must. */
export function wrapLabel(
  text: string,
  width: number,
  style: TextStyle,
  measure: (text: string, style: TextStyle) => number = estimateWidth,
  maxLines = 2,
): string[] {
  const fits = (s: string): boolean => measure(s, style) <= width
  const clip = (s: string): string => {
    if (fits(s)) return s
    let cut = s
    while (cut.length > 1 && !fits(`${cut}…`)) cut = cut.slice(0, -1).trimEnd()
    return `${cut}…`
  }
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (!line || fits(candidate)) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length > maxLines) lines.push(lines.splice(maxLines - 1).join(' '))
  return lines.map(clip)
}

/** The first year a date may mean (a decade is its first year). */
export const yearOf = (date: PartialDate): number => Number(date.value.slice(0, 4))
/** The last year a date may mean (a decade runs to its ninth year). */
const lastYearOf = (date: PartialDate): number => yearOf(date) + (date.precision === 'decade' ? 9 : 0)

/** The earliest year any source gives for an organisation's founding; null when none does. */
export function foundedYear(org: Organisation): number | null {
  return org.founded.length > 0 ? Math.min(...org.founded.map((claim) => yearOf(claim.value))) : null
}

/** The founding years as a hub's second line: "1979", or "2006 / 2005" where sources disagree. */
export function foundedLabel(org: Organisation): string | null {
  const years = [...new Set(org.founded.map((claim) => yearOf(claim.value)))]
  return years.length > 0 ? years.join(' / ') : null
}

/** Whether a relation held in `year`: begun by then (or undated), not yet ended. */
export function relationHeld(relation: Relation, year: number): boolean {
  return (!relation.since || yearOf(relation.since) <= year) && (!relation.until || lastYearOf(relation.until) >= year)
}

export interface Snapshot {
  organisations: Set<string>
  relations: Set<number>
}

/**
 * What existed in `year` (null: everything the pack records): organisations founded by then or undated, and
 * relations that held then between two organisations that existed.
 */
export function snapshot(organisations: readonly Organisation[], relations: readonly Relation[], year: number | null): Snapshot {
  const present = new Set(organisations.filter((o) => year === null || (foundedYear(o) ?? -Infinity) <= year).map((o) => o.id))
  const held = new Set<number>()
  relations.forEach((r, index) => {
    if (present.has(r.from) && present.has(r.to) && (year === null || relationHeld(r, year))) held.add(index)
  })
  return { organisations: present, relations: held }
}

/** The years the slider offers: from the first dated founding or relation to the pack's own year. */
export function yearExtent(organisations: readonly Organisation[], relations: readonly Relation[], packYear: number) {
  const years = [
    ...organisations.flatMap((o) => o.founded.map((claim) => yearOf(claim.value))),
    ...relations.flatMap((r) => [r.since, r.until].filter((d): d is PartialDate => d !== undefined).map(yearOf)),
  ]
  const min = years.length > 0 ? Math.min(...years) : packYear
  return { min: Math.min(min, packYear), max: Math.max(packYear, ...years) }
}

/** The year in the address (?year=1995), clamped to the extent; null when absent or not a year. */
export function readYear(query: Record<string, string>, extent: { min: number; max: number }): number | null {
  const raw = query['year']
  if (raw === undefined || !/^\d{4}$/.test(raw)) return null
  return Math.min(extent.max, Math.max(extent.min, Number(raw)))
}

/** The node to move to from `from` with an arrow key (the nearest in that direction), Home or End. */
export function nodeInDirection(nodes: readonly (Box & { id: string })[], from: string | null, key: string): string | null {
  if (nodes.length === 0) return null
  if (key === 'Home') return nodes[0]!.id
  if (key === 'End') return nodes.at(-1)!.id
  const current = nodes.find((n) => n.id === from)
  if (!current) return ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].includes(key) ? nodes[0]!.id : null
  const cx = current.x + current.width / 2
  const cy = current.y + current.height / 2
  let best: string | null = null
  let bestScore = Infinity
  for (const n of nodes) {
    if (n.id === current.id) continue
    const dx = n.x + n.width / 2 - cx
    const dy = n.y + n.height / 2 - cy
    // Along the key's axis it must move; across it, distance counts three times.
    const [along, across] =
      key === 'ArrowDown'
        ? [dy, dx]
        : key === 'ArrowUp'
          ? [-dy, dx]
          : key === 'ArrowRight'
            ? [dx, dy]
            : key === 'ArrowLeft'
              ? [-dx, dy]
              : [NaN, NaN]
    if (Number.isNaN(along)) return null
    // Sideways moves need a real step (boxes in one row differ a little in height); up and down any step.
    if (along <= (key === 'ArrowLeft' || key === 'ArrowRight' ? Math.min(current.width, n.width) / 2 : 2)) continue
    const score = along + 3 * Math.abs(across)
    if (score < bestScore) {
      bestScore = score
      best = n.id
    }
  }
  return best
}

interface Link {
  relation: Relation
  index: number
}

/** Removes overlaps along a row with the least weighted movement (isotonic regression, pool adjacent violators). */
export function spreadRow(items: readonly { desired: number; width: number; weight: number }[], gap: number): number[] {
  const offsets: number[] = []
  let offset = 0
  items.forEach((item, i) => {
    if (i > 0) offset += (items[i - 1]!.width + item.width) / 2 + gap
    offsets.push(offset)
  })
  const blocks: { value: number; weight: number; count: number }[] = []
  items.forEach((item, i) => {
    blocks.push({ value: item.desired - offsets[i]!, weight: item.weight, count: 1 })
    while (blocks.length > 1 && blocks.at(-2)!.value > blocks.at(-1)!.value) {
      const b = blocks.pop()!
      const a = blocks.pop()!
      const weight = a.weight + b.weight
      blocks.push({ value: (a.value * a.weight + b.value * b.weight) / weight, weight, count: a.count + b.count })
    }
  })
  const out: number[] = []
  for (const block of blocks) for (let k = 0; k < block.count; k++) out.push(block.value + offsets[out.length]!)
  return out
}

interface Unit {
  id: string
  indent: number
  lines: string[]
  height: number
  width: number
  via: number
}

interface CountryBlock {
  key: string
  label: string
  /** Each entry a member with its own members beneath (kept together in one column). */
  units: Unit[][]
}

interface PackedColumn {
  entries: ({ kind: 'caption'; block: CountryBlock } | { kind: 'unit'; unit: Unit[] })[]
  height: number
}

const unitHeight = (unit: Unit[]): number => unit.reduce((sum, u) => sum + u.height + GEOMETRY.pill.gap, 0)

/** Fills `count` columns with country blocks, keeping each member with its own members, repeating a country's heading when it breaks. */
function packColumns(blocks: readonly CountryBlock[], count: number): PackedColumn[] {
  const { caption, captionGap } = GEOMETRY.column
  const total = blocks.reduce((sum, b) => sum + caption + captionGap + b.units.reduce((s, u) => s + unitHeight(u), 0), 0)
  const target = total / count
  const columns: PackedColumn[] = [{ entries: [], height: 0 }]
  for (const block of blocks) {
    block.units.forEach((unit, i) => {
      let column = columns.at(-1)!
      const withCaption = i === 0 || column.height === 0
      const add = unitHeight(unit) + (withCaption ? caption + (column.height > 0 ? captionGap : 0) : 0)
      // Break before this member when more than half of it would overflow the target.
      if (column.height > 0 && columns.length < count && column.height + add - target > target - column.height) {
        column = { entries: [], height: 0 }
        columns.push(column)
      }
      if (i === 0 || column.height === 0) {
        column.height += (column.height > 0 ? captionGap : 0) + caption
        column.entries.push({ kind: 'caption', block })
      }
      column.entries.push({ kind: 'unit', unit })
      column.height += unitHeight(unit)
    })
  }
  return columns
}

/** Lays out the whole network. Pure: the same pack and options always give the same drawing. */
export function layoutNetwork(
  organisations: readonly Organisation[],
  relations: readonly Relation[],
  options: LayoutOptions,
): NetworkLayout {
  const G = GEOMETRY
  const measure = options.measure ?? estimateWidth
  const compare = options.compare ?? ((a: string, b: string) => a.localeCompare(b))
  const byLabel = (a: string, b: string): number => compare(options.label(a), options.label(b)) || compare(a, b)
  const orgs = new Map(organisations.map((o) => [o.id, o]))

  const links: Link[] = relations
    .map((relation, index) => ({ relation, index }))
    .filter(({ relation: r }) => orgs.has(r.from) && orgs.has(r.to) && r.from !== r.to)
  const linked = new Set(links.flatMap(({ relation: r }) => [r.from, r.to]))
  const unlinked = organisations.filter((o) => !linked.has(o.id)).map((o) => o.id)
  unlinked.sort(byLabel)

  // The structure: parents by longest path, one primary parent each.
  const ups = new Map<string, Link[]>()
  for (const link of links) {
    if (isStructural(link.relation.type)) ups.set(link.relation.from, [...(ups.get(link.relation.from) ?? []), link])
  }
  const depth = new Map<string, number>()
  const visiting = new Set<string>()
  const depthOf = (id: string): number => {
    const known = depth.get(id)
    if (known !== undefined) return known
    visiting.add(id)
    let d = 0
    for (const { relation } of ups.get(id) ?? []) if (!visiting.has(relation.to)) d = Math.max(d, depthOf(relation.to) + 1)
    visiting.delete(id)
    depth.set(id, d)
    return d
  }
  const primary = new Map<string, Link>()
  for (const [id, list] of ups) {
    const best = list.toSorted(
      (a, b) =>
        depthOf(b.relation.to) - depthOf(a.relation.to) ||
        STRUCTURAL_RANK[a.relation.type]! - STRUCTURAL_RANK[b.relation.type]! ||
        STATUS_RANK[a.relation.status] - STATUS_RANK[b.relation.status] ||
        a.index - b.index,
    )[0]
    if (best) primary.set(id, best)
  }
  // A cycle in the pack would make the tree endless: cut it where it closes.
  for (const start of [...primary.keys()]) {
    const seen = new Set<string>([start])
    let at: string | undefined = start
    while (at !== undefined) {
      const up: string | undefined = primary.get(at)?.relation.to
      if (up === undefined) break
      if (seen.has(up)) {
        primary.delete(at)
        break
      }
      seen.add(up)
      at = up
    }
  }
  const parentOf = (id: string): string | null => primary.get(id)?.relation.to ?? null
  const kids = new Map<string, string[]>()
  for (const [id, link] of primary) kids.set(link.relation.to, [...(kids.get(link.relation.to) ?? []), id])
  for (const list of kids.values()) list.sort(byLabel)

  const roles = new Map<string, 'hub' | 'member'>()
  const roleOf = (id: string): 'hub' | 'member' => {
    let role = roles.get(id)
    if (role) return role
    const link = primary.get(id)
    role = !link ? 'hub' : link.relation.type === 'member-of' || roleOf(link.relation.to) === 'member' ? 'member' : 'hub'
    roles.set(id, role)
    return role
  }
  const hubKids = (id: string): string[] => (kids.get(id) ?? []).filter((k) => roleOf(k) === 'hub')
  const memberKids = (id: string): string[] => (kids.get(id) ?? []).filter((k) => roleOf(k) === 'member')
  const drawn = organisations.map((o) => o.id).filter((id) => linked.has(id))
  const hubs = drawn.filter((id) => roleOf(id) === 'hub')
  const roots = hubs.filter((id) => !primary.has(id)).sort(byLabel)
  const hasGroup = (id: string): boolean => roleOf(id) === 'hub' && memberKids(id).length > 0

  // Rows: the tree's depth; organisations outside the tree (networks others join, forerunners) sit next to what they touch.
  const layer = new Map<string, number>()
  const setLayer = (id: string, l: number): void => {
    layer.set(id, l)
    for (const k of hubKids(id)) setLayer(k, l + 1)
  }
  const treeRoots = roots.filter((id) => (kids.get(id) ?? []).length > 0)
  for (const root of treeRoots) setLayer(root, 0)
  const satellites = roots.filter((id) => !layer.has(id))
  const neighbours = new Map<string, Link[]>()
  for (const link of links) {
    for (const end of [link.relation.from, link.relation.to]) neighbours.set(end, [...(neighbours.get(end) ?? []), link])
  }
  /** The end drawn higher: the parent, the body joined, the forerunner (time runs down the page). */
  const upperEnd = (r: Relation): string => (r.type === 'forerunner-of' ? r.from : r.to)
  let pending = satellites
  while (pending.length > 0) {
    const bottom = Math.max(-1, ...layer.values())
    const rowOf = (id: string): number | undefined => (roleOf(id) === 'member' ? bottom + 1 : layer.get(id))
    const next: string[] = []
    for (const id of pending) {
      const above: number[] = []
      const below: number[] = []
      for (const { relation } of neighbours.get(id) ?? []) {
        const other = relation.from === id ? relation.to : relation.from
        const row = rowOf(other)
        if (row === undefined) continue
        if (upperEnd(relation) === id) above.push(row - 1)
        else below.push(row + 1)
      }
      if (above.length > 0) layer.set(id, Math.min(...above))
      else if (below.length > 0) layer.set(id, Math.max(...below))
      else next.push(id)
    }
    if (next.length === pending.length) {
      for (const id of next) layer.set(id, 0)
      break
    }
    pending = next
  }
  const lowest = Math.min(0, ...layer.values())
  if (lowest < 0) for (const [id, l] of layer) layer.set(id, l - lowest)

  // Member columns: one group per hub with members, its members by country.
  const colW = G.column.width
  const unitOf = (id: string, indent: number): Unit[] => {
    const width = colW - G.column.pillX - indent * G.column.nest
    const lines = wrapLabel(options.label(id), width - 2 * G.pill.padX, 'member', measure)
    const own: Unit = {
      id,
      indent,
      lines,
      height: G.pill.height + (lines.length - 1) * G.pill.line,
      width: Math.min(width, Math.max(...lines.map((l) => measure(l, 'member'))) + 2 * G.pill.padX),
      via: primary.get(id)!.index,
    }
    return [own, ...(kids.get(id) ?? []).flatMap((k) => unitOf(k, indent + 1))]
  }
  const countryBlocks = (members: readonly string[]): CountryBlock[] => {
    const blocks = new Map<string, CountryBlock>()
    for (const id of members) {
      const codes = orgs.get(id)!.countries
      const key = codes.join(',')
      const block = blocks.get(key) ?? { key, label: options.countryLabel(codes), units: [] }
      block.units.push(unitOf(id, 0))
      blocks.set(key, block)
    }
    return [...blocks.values()].sort((a, b) => Number(a.key === '') - Number(b.key === '') || compare(a.label, b.label))
  }

  // The order of columns: each hub's own column in the middle of its regional bodies, so its trunk drops straight.
  const anchored = new Map<string, boolean>()
  const isAnchored = (id: string): boolean => {
    let known = anchored.get(id)
    if (known === undefined) {
      known = hasGroup(id) || hubKids(id).some(isAnchored)
      anchored.set(id, known)
    }
    return known
  }
  const groupOrder: string[] = []
  const visitGroups = (id: string): void => {
    const sub = hubKids(id).filter(isAnchored)
    const sequence: (string | null)[] = [...sub]
    if (hasGroup(id)) sequence.splice(Math.floor(sub.length / 2), 0, null)
    for (const item of sequence) {
      if (item === null) groupOrder.push(id)
      else visitGroups(item)
    }
  }
  for (const root of roots.filter(isAnchored)) visitGroups(root)

  const blocksOf = new Map(groupOrder.map((id) => [id, countryBlocks(memberKids(id))]))
  const columnsOf = new Map(groupOrder.map((id) => [id, 1]))
  const packed = new Map(groupOrder.map((id) => [id, packColumns(blocksOf.get(id)!, 1)]))
  const heightOf = (id: string): number => Math.max(...packed.get(id)!.map((c) => c.height))
  /** The width the columns take, with `extra` more columns for `hub`. */
  const columnsWidth = (hub: string | null, extra: number): number =>
    groupOrder.reduce((sum, id) => {
      const n = columnsOf.get(id)! + (id === hub ? extra : 0)
      return sum + n * colW + (n - 1) * G.column.gap
    }, 0) +
    Math.max(0, groupOrder.length - 1) * G.column.groupGap
  for (;;) {
    if (groupOrder.length === 0) break
    const tallest = groupOrder.reduce((a, b) => (heightOf(b) > heightOf(a) ? b : a))
    if (columnsWidth(tallest, 1) > options.width - 2 * G.margin) break
    const count = columnsOf.get(tallest)! + 1
    const attempt = packColumns(blocksOf.get(tallest)!, count)
    const better = Math.max(...attempt.map((c) => c.height))
    if (attempt.length < count || better > heightOf(tallest) - 3 * G.pill.height) break
    columnsOf.set(tallest, count)
    packed.set(tallest, attempt)
  }

  // Hub boxes.
  const hubSize = new Map<string, { width: number; height: number; lines: string[]; sub: string | null }>()
  for (const id of hubs) {
    const lines = wrapLabel(options.label(id), G.hub.maxWidth - 2 * G.hub.padX, 'hub', measure, G.hub.maxLines)
    const sub = foundedLabel(orgs.get(id)!)
    const textWidth = Math.max(...lines.map((l) => measure(l, 'hub')), sub ? measure(sub, 'hub-sub') : 0)
    hubSize.set(id, {
      lines,
      sub,
      width: Math.max(G.hub.minWidth, Math.min(G.hub.maxWidth, Math.ceil(textWidth + 2 * G.hub.padX))),
      height: 2 * G.hub.padY + lines.length * G.hub.line + (sub ? G.hub.sub : 0),
    })
  }
  const rowCount = Math.max(0, ...[...layer.values()].map((l) => l + 1))
  const rowHeights = Array.from({ length: rowCount }, (_, l) =>
    Math.max(0, ...hubs.filter((id) => layer.get(id) === l).map((id) => hubSize.get(id)!.height)),
  )
  const rowTops: number[] = []
  let y = G.margin + 16
  for (const h of rowHeights) {
    rowTops.push(y)
    y += h + G.rowGap
  }
  const colTop = rowCount > 0 ? y - G.rowGap + G.columnsGap : G.margin

  // Columns left to right; then hubs over what hangs below them.
  const nodes = new Map<string, NetworkNode>()
  const captions: Caption[] = []
  const connectors: Connector[] = []
  const groupSpan = new Map<string, { left: number; right: number; spine: number }>()
  const treeTicks: { index: number; path: string }[] = []
  let x = G.margin
  for (const hub of groupOrder) {
    const columns = packed.get(hub)!
    const width = columns.length * colW + (columns.length - 1) * G.column.gap
    groupSpan.set(hub, { left: x, right: x + width, spine: x + G.column.spine })
    const heading = wrapLabel(options.groupHeading(hub, hubKids(hub).length > 0), width - G.column.pillX, 'heading', measure)
    captions.push({ kind: 'group', group: hub, x: x + G.column.pillX, y: colTop, lines: heading })
    const top = colTop + heading.length * G.column.heading + 8
    columns.forEach((column, c) => {
      const x0 = x + c * (colW + G.column.gap)
      const spineX = x0 + G.column.spine
      let cy = top
      let lastMid = top
      for (const entry of column.entries) {
        if (entry.kind === 'caption') {
          if (cy > top) cy += G.column.captionGap
          captions.push({ kind: 'country', group: hub, x: x0 + G.column.pillX, y: cy, lines: [entry.block.label] })
          cy += G.column.caption
          continue
        }
        const parentPill: NetworkNode[] = []
        for (const u of entry.unit) {
          const px = x0 + G.column.pillX + u.indent * G.column.nest
          const node: NetworkNode = {
            id: u.id,
            role: 'member',
            x: px,
            y: cy,
            width: u.width,
            height: u.height,
            lines: u.lines,
            sub: null,
            parent: parentOf(u.id),
            primary: u.via,
            layer: -1,
            indent: u.indent,
            group: hub,
          }
          nodes.set(u.id, node)
          const mid = cy + Math.min(u.height, G.pill.height) / 2
          if (u.indent === 0) {
            treeTicks.push({ index: u.via, path: `M${spineX} ${mid}H${px}` })
            lastMid = mid
          } else {
            const parent = parentPill[u.indent - 1]!
            const nestSpine = parent.x + G.column.spine
            treeTicks.push({ index: u.via, path: `M${nestSpine} ${mid}H${px}` })
            connectors.push({ group: hub, path: `M${nestSpine} ${parent.y + parent.height}V${mid}` })
          }
          parentPill[u.indent] = node
          parentPill.length = u.indent + 1
          cy += u.height + G.pill.gap
        }
      }
      connectors.push({ group: hub, path: `M${spineX} ${colTop}V${lastMid}` })
    })
    if (columns.length > 1)
      connectors.push({
        group: hub,
        path: `M${x + G.column.spine} ${colTop}H${x + (columns.length - 1) * (colW + G.column.gap) + G.column.spine}`,
      })
    x += width + G.column.groupGap
  }

  // Desired centres: anchored hubs over their columns and regional bodies, then the rest by their neighbours.
  const desired = new Map<string, number>()
  const spanOf = (id: string): { left: number; right: number } | null => {
    const parts = [groupSpan.get(id), ...hubKids(id).filter(isAnchored).map(spanOf)].filter(
      (s): s is { left: number; right: number } => !!s,
    )
    if (parts.length === 0) return null
    const span = { left: Math.min(...parts.map((p) => p.left)), right: Math.max(...parts.map((p) => p.right)) }
    desired.set(id, (span.left + span.right) / 2)
    return span
  }
  for (const root of roots) spanOf(root)
  const centreOf = (id: string): number | undefined => {
    const member = roleOf(id) === 'member' ? nodes.get(id) : undefined
    return member ? member.x + member.width / 2 : desired.get(id)
  }
  let loose = hubs.filter((id) => !desired.has(id))
  while (loose.length > 0) {
    const next: string[] = []
    const found = new Map<string, number>()
    for (const id of loose) {
      const others = [...new Set((neighbours.get(id) ?? []).map(({ relation: r }) => (r.from === id ? r.to : r.from)))]
      const xs = others.map(centreOf).filter((v): v is number => v !== undefined)
      if (xs.length > 0) found.set(id, xs.reduce((a, b) => a + b, 0) / xs.length)
      else next.push(id)
    }
    for (const [id, v] of found) desired.set(id, v)
    if (found.size === 0) {
      for (const id of next) desired.set(id, G.margin)
      break
    }
    loose = next
  }

  for (let l = 0; l < rowCount; l++) {
    const row = hubs
      .filter((id) => layer.get(id) === l)
      .sort((a, b) => desired.get(a)! - desired.get(b)! || Number(isAnchored(b)) - Number(isAnchored(a)) || byLabel(a, b))
    const xs = spreadRow(
      row.map((id) => ({ desired: desired.get(id)!, width: hubSize.get(id)!.width, weight: isAnchored(id) ? 6 : 1 })),
      G.hubGap,
    )
    row.forEach((id, i) => {
      const size = hubSize.get(id)!
      nodes.set(id, {
        id,
        role: 'hub',
        x: xs[i]! - size.width / 2,
        y: rowTops[l]! + (rowHeights[l]! - size.height) / 2,
        width: size.width,
        height: size.height,
        lines: size.lines,
        sub: size.sub,
        parent: parentOf(id),
        primary: primary.get(id)?.index ?? null,
        layer: l,
        indent: 0,
        group: null,
      })
    })
  }

  // Edges. Attachments on a hub's top or bottom are spread along it, in the order of what they lead to.
  type Side = 'top' | 'bottom'
  const attachments = new Map<string, { key: string; toward: number }[]>()
  const attach = (id: string, side: Side, key: string, toward: number): void => {
    const list = attachments.get(`${id}|${side}`) ?? []
    list.push({ key, toward })
    attachments.set(`${id}|${side}`, list)
  }
  const cx = (n: NetworkNode): number => n.x + n.width / 2
  type Plan = { index: number; a: NetworkNode; b: NetworkNode; shape: 'vertical' | 'arc' | 'member-hub' | 'member-member' }
  const plans: Plan[] = []
  const treeIndex = new Set([...primary.values()].map((l) => l.index))
  for (const { relation, index } of links) {
    const from = nodes.get(relation.from)!
    const to = nodes.get(relation.to)!
    if (from.role === 'member' && treeIndex.has(index) && from.primary === index) continue
    if (from.role === 'hub' && to.role === 'hub') {
      if (from.layer === to.layer) {
        plans.push({ index, a: from, b: to, shape: 'arc' })
        attach(from.id, 'top', `${index}`, cx(to))
        attach(to.id, 'top', `${index}`, cx(from))
      } else {
        const [upper, lower] = from.layer < to.layer ? [from, to] : [to, from]
        plans.push({ index, a: upper, b: lower, shape: 'vertical' })
        attach(upper.id, 'bottom', `${index}`, cx(lower))
        attach(lower.id, 'top', `${index}`, cx(upper))
      }
    } else if (from.role === 'member' && to.role === 'member') {
      plans.push({ index, a: from, b: to, shape: 'member-member' })
    } else {
      const [member, hub] = from.role === 'member' ? [from, to] : [to, from]
      plans.push({ index, a: member, b: hub, shape: 'member-hub' })
      attach(hub.id, 'bottom', `${index}`, member.x + member.width)
    }
  }
  for (const hub of groupOrder) {
    const node = nodes.get(hub)
    if (node) attach(hub, 'bottom', `trunk:${hub}`, groupSpan.get(hub)!.spine)
  }
  const anchorAt = new Map<string, number>()
  for (const [where, list] of attachments) {
    const [id] = where.split('|') as [string]
    const node = nodes.get(id)!
    list.sort((a, b) => a.toward - b.toward || a.key.localeCompare(b.key))
    const step = list.length > 1 ? Math.min(12, (node.width * 0.7) / (list.length - 1)) : 0
    list.forEach((item, i) => anchorAt.set(`${where}|${item.key}`, cx(node) + (i - (list.length - 1) / 2) * step))
  }
  const at = (node: NetworkNode, side: Side, key: string): number => anchorAt.get(`${node.id}|${side}|${key}`) ?? cx(node)
  const r1 = (v: number): number => Math.round(v * 10) / 10
  const vertical = (x1: number, y1: number, x2: number, y2: number): string => {
    const k = Math.max(18, (y2 - y1) / 2)
    return `M${r1(x1)} ${r1(y1)}C${r1(x1)} ${r1(y1 + k)} ${r1(x2)} ${r1(y2 - k)} ${r1(x2)} ${r1(y2)}`
  }
  const pairCount = new Map<string, number>()
  const edges: NetworkEdge[] = []
  for (const plan of plans) {
    const { a, b, index } = plan
    const key = `${index}`
    const relation = relations[index]!
    let path: string
    if (plan.shape === 'vertical') {
      path = vertical(at(a, 'bottom', key), a.y + a.height, at(b, 'top', key), b.y)
    } else if (plan.shape === 'arc') {
      const h = 20 + Math.min(20, Math.abs(cx(b) - cx(a)) * 0.05)
      const ax = at(a, 'top', key)
      const bx = at(b, 'top', key)
      path = `M${r1(ax)} ${r1(a.y)}C${r1(ax)} ${r1(a.y - h)} ${r1(bx)} ${r1(b.y - h)} ${r1(bx)} ${r1(b.y)}`
    } else {
      const pair = [a.id, b.id].sort().join('|')
      const n = pairCount.get(pair) ?? 0
      pairCount.set(pair, n + 1)
      const shift = n * 4
      const ay = a.y + Math.min(a.height, G.pill.height) / 2 + shift
      if (plan.shape === 'member-hub') {
        const hx = at(b, 'bottom', key)
        const hy = b.y + b.height
        const right = hx >= a.x
        const sx = right ? a.x + a.width : a.x
        const d = right ? 36 : -36
        path = `M${r1(sx)} ${r1(ay)}C${r1(sx + d)} ${r1(ay)} ${r1(hx)} ${r1(hy + (ay - hy) * 0.55)} ${r1(hx)} ${r1(hy)}`
      } else {
        const by = b.y + Math.min(b.height, G.pill.height) / 2 + shift
        if (Math.abs(a.x - b.x) < colW / 2) {
          const ex = Math.max(a.x + a.width, b.x + b.width) + 18
          path = `M${r1(a.x + a.width)} ${r1(ay)}C${r1(ex)} ${r1(ay)} ${r1(ex)} ${r1(by)} ${r1(b.x + b.width)} ${r1(by)}`
        } else {
          const [left, right, ly, ry] = a.x < b.x ? [a, b, ay, by] : [b, a, by, ay]
          const sx = left.x + left.width
          const d = Math.max(20, (right.x - sx) / 2)
          path = `M${r1(sx)} ${r1(ly)}C${r1(sx + d)} ${r1(ly)} ${r1(right.x - d)} ${r1(ry)} ${r1(right.x)} ${r1(ry)}`
        }
      }
    }
    edges.push({ index, relation, tree: treeIndex.has(index), path })
  }
  for (const tick of treeTicks) edges.push({ index: tick.index, relation: relations[tick.index]!, tree: true, path: tick.path })
  for (const hub of groupOrder) {
    const node = nodes.get(hub)!
    const span = groupSpan.get(hub)!
    connectors.push({ group: hub, path: vertical(at(node, 'bottom', `trunk:${hub}`), node.y + node.height, span.spine, colTop) })
  }
  edges.sort((a, b) => a.index - b.index)

  // Fit: shift everything right of the margin, centred when there is room to spare.
  const all = [...nodes.values()]
  const minX = Math.min(...all.map((n) => n.x), ...[...groupSpan.values()].map((s) => s.left))
  const maxX = Math.max(...all.map((n) => n.x + n.width), ...[...groupSpan.values()].map((s) => s.right))
  const content = maxX - minX
  const width = Math.max(options.width, content + 2 * G.margin)
  const dx = (width - content) / 2 - minX
  const maxY = Math.max(colTop, ...all.map((n) => n.y + n.height), ...captions.map((c) => c.y + c.lines.length * G.column.caption))
  const shiftPath = (path: string): string => shiftX(path, dx)
  for (const n of all) n.x = r1(n.x + dx)
  for (const c of captions) c.x = r1(c.x + dx)

  // The nested list: hubs with their regional bodies, then their members by country.
  const outlineOf = (id: string): OutlineItem => ({
    id,
    via: primary.get(id)?.index ?? null,
    children: roleOf(id) === 'hub' ? hubKids(id).map(outlineOf) : memberKids(id).map(outlineOf),
    groups:
      roleOf(id) === 'hub'
        ? countryBlocks(memberKids(id)).map((b) => ({ key: b.key, label: b.label, items: b.units.map((u) => outlineOf(u[0]!.id)) }))
        : [],
  })
  const outline = [...treeRoots, ...satellites.toSorted((a, b) => layer.get(a)! - layer.get(b)! || byLabel(a, b))].map(outlineOf)

  // Reading order for the keyboard: rows top to bottom, then the columns down and across.
  const ordered = [
    ...all.filter((n) => n.role === 'hub').sort((a, b) => a.layer - b.layer || a.x - b.x),
    ...all
      .filter((n) => n.role === 'member')
      .sort((a, b) => {
        const ga = groupOrder.indexOf(a.group!)
        const gb = groupOrder.indexOf(b.group!)
        return ga - gb || Math.round(a.x - a.indent * G.column.nest) - Math.round(b.x - b.indent * G.column.nest) || a.y - b.y
      }),
  ]

  return {
    width: Math.ceil(width),
    height: Math.ceil(maxY + G.margin),
    nodes: ordered,
    edges: edges.map((e) => ({ ...e, path: shiftPath(e.path) })),
    captions,
    connectors: connectors.map((c) => ({ ...c, path: shiftPath(c.path) })),
    outline,
    unlinked,
  }
}

/** Moves an SVG path drawn with absolute M, C, H and V commands `dx` to the right. */
export function shiftX(path: string, dx: number): string {
  if (dx === 0) return path
  const r1 = (v: number): number => Math.round(v * 10) / 10
  return path.replace(/([MCHV])([^MCHV]*)/g, (_, command: string, args: string) => {
    if (command === 'V') return `V${args}`
    const numbers = args
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
    const moved = command === 'H' ? numbers.map((v) => r1(v + dx)) : numbers.map((v, i) => (i % 2 === 0 ? r1(v + dx) : v))
    return `${command}${moved.join(' ')}`
  })
}

/** An attachment that reports an element's width now and whenever it changes (where ResizeObserver exists). */
export function trackWidth(set: (width: number) => void) {
  return (node: HTMLElement): (() => void) | void => {
    if (node.clientWidth > 0) set(node.clientWidth)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (node.clientWidth > 0) set(node.clientWidth)
    })
    observer.observe(node)
    return () => observer.disconnect()
  }
}

/**
 * Measures text as the diagram draws it (canvas, with the page's own font stacks), where the browser can;
 * undefined elsewhere (jsdom), and the layout falls back on its estimate.
 */
export function textMeasurer(root: Element = document.documentElement): ((text: string, style: TextStyle) => number) | undefined {
  const svgText = (globalThis as { SVGTextContentElement?: { prototype: object } }).SVGTextContentElement
  if (!svgText || !('getComputedTextLength' in svgText.prototype)) return undefined
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return undefined
  const css = getComputedStyle(root)
  const sans = css.getPropertyValue('--sans').trim() || 'sans-serif'
  const serif = css.getPropertyValue('--serif').trim() || 'serif'
  const f = GEOMETRY.font
  const fonts: Record<TextStyle, string> = {
    hub: `600 ${f.hub}px ${serif}`,
    'hub-sub': `400 ${f['hub-sub']}px ${sans}`,
    member: `400 ${f.member}px ${sans}`,
    caption: `600 ${f.caption}px ${sans}`,
    heading: `italic 400 ${f.heading}px ${serif}`,
  }
  const cache = new Map<string, number>()
  return (text, style) => {
    const key = `${style}\u0000${text}`
    let width = cache.get(key)
    if (width === undefined) {
      context.font = fonts[style]
      // Captions are drawn upper-case and letter-spaced.
      width =
        style === 'caption'
          ? context.measureText(text.toLocaleUpperCase()).width + text.length * 0.08 * f.caption
          : context.measureText(text).width
      width = Math.ceil(width * 1.03)
      cache.set(key, width)
    }
    return width
  }
}

/** The layout's nodes by id. */
export const nodesById = (layout: NetworkLayout): ReadonlyMap<string, NetworkNode> => new Map(layout.nodes.map((n) => [n.id, n]))

/** The organisations linked to `id` either way (not itself). */
export function linkedTo(relations: readonly Relation[], id: string | null): ReadonlySet<string> {
  const out = new Set<string>()
  if (id === null) return out
  for (const r of relations) {
    if (r.from === id && r.to !== id) out.add(r.to)
    else if (r.to === id && r.from !== id) out.add(r.from)
  }
  return out
}

export interface LinkGroup {
  type: RelationType
  direction: 'outgoing' | 'incoming'
  links: { index: number; relation: Relation; other: string }[]
}

/** An organisation's relations, grouped by type and direction: what it belongs to first, then what belongs to it. */
export function linkGroups(relations: readonly Relation[], id: string): LinkGroup[] {
  const groups: LinkGroup[] = []
  for (const direction of ['outgoing', 'incoming'] as const) {
    for (const type of RELATION_TYPES) {
      const links = relations
        .map((relation, index) => ({ relation, index, other: direction === 'outgoing' ? relation.to : relation.from }))
        .filter(({ relation: r }) => r.type === type && (direction === 'outgoing' ? r.from === id : r.to === id))
      if (links.length > 0) groups.push({ type, direction, links })
    }
  }
  return groups
}

/** Ids in first-seen order, each once. */
export const uniqueInOrder = (ids: readonly string[]): string[] => [...new Set(ids)]

/** Date claims merged by value: one entry per date a source gives, with every source that gives it (the surest status wins). */
export function distinctClaims<T extends { value: PartialDate; sources: string[]; status: FactStatus; note?: string | undefined }>(
  claims: readonly T[],
): T[] {
  const out: T[] = []
  for (const claim of claims) {
    const same = out.findIndex((c) => c.value.value === claim.value.value && c.value.precision === claim.value.precision)
    if (same < 0) out.push({ ...claim, sources: [...claim.sources] })
    else {
      const kept = out[same]!
      const status = STATUS_RANK[claim.status] < STATUS_RANK[kept.status] ? claim.status : kept.status
      out[same] = { ...kept, sources: uniqueInOrder([...kept.sources, ...claim.sources]), status }
    }
  }
  return out
}
