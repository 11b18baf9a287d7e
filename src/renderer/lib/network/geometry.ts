/** The network drawing's sizes and the shapes of what the layout returns. */
import type { Relation } from '../../../shared/content/schema'

export type TextStyle = 'hub' | 'hub-sub' | 'member' | 'caption' | 'heading'

/** Sizes the drawing uses; the component draws text at these sizes so the estimates hold. */
export const GEOMETRY = {
  margin: 16,
  font: { hub: 13.5, 'hub-sub': 11, member: 12.5, caption: 10.5, heading: 12.5 } satisfies Record<TextStyle, number>,
  hub: { padX: 11, padY: 8, line: 17, sub: 14, minWidth: 80, maxWidth: 142, maxLines: 3 },
  rowGap: 48,
  hubGap: 16,
  columnsGap: 60,
  /** width: a member column's width when there is room; minWidth: the narrowest it gets before the drawing scrolls. */
  column: { width: 170, minWidth: 136, gap: 18, groupGap: 26, spine: 7, pillX: 21, nest: 14, heading: 17, caption: 17, captionGap: 7 },
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

/** The options with their defaults filled in, as every step of the layout uses them. */
export interface LayoutContext {
  options: LayoutOptions
  measure: (text: string, style: TextStyle) => number
  compare: (a: string, b: string) => number
  /** Organisation ids by their label, then by id. */
  byLabel: (a: string, b: string) => number
  /** A member column's width in this drawing (narrower than usual when the groups would not fit side by side). */
  columnWidth: number
}

/** A coordinate to one decimal, as paths and positions are written. */
export const r1 = (v: number): number => Math.round(v * 10) / 10
