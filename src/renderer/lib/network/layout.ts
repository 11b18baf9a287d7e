/**
 * The network view's geometry, as a pure function of the pack: a layered diagram of who belongs to whom.
 *
 * Each organisation hangs under one primary parent (hierarchy.ts) and every other relation it has is drawn as an
 * extra edge. Organisations whose primary link is a membership are listed in columns under their parent, grouped by
 * country, with their own members indented beneath them (columns.ts, members.ts); the others ("hubs": ICA, CICOPA,
 * the regional and sub-regional bodies, the networks) stand in rows above (rows.ts, hubs.ts). Networks that only
 * others belong to, and forerunners, take the row next to what they are linked to. Then the lines (edges.ts).
 */
import type { Organisation, Relation } from '../../../shared/content/schema'
import { anchoring, columnWidthFor, fitColumns, groupOrder } from './columns'
import { shiftX, drawEdges } from './edges'
import { GEOMETRY as G, r1, type LayoutContext, type LayoutOptions, type NetworkLayout, type NetworkNode } from './geometry'
import { buildHierarchy } from './hierarchy'
import { desiredCentres, placeHubs, sizeHubs } from './hubs'
import { placeColumns, type GroupSpan } from './members'
import { buildOutline } from './outline'
import { assignRows, rowGeometry } from './rows'
import { estimateWidth } from './text'

/** Lays out the whole network. Pure: the same pack and options always give the same drawing. */
export function layoutNetwork(
  organisations: readonly Organisation[],
  relations: readonly Relation[],
  options: LayoutOptions,
): NetworkLayout {
  const compare = options.compare ?? ((a: string, b: string) => a.localeCompare(b))
  const byLabel = (a: string, b: string): number => compare(options.label(a), options.label(b)) || compare(a, b)

  const h = buildHierarchy(organisations, relations, byLabel)
  const rows = assignRows(h)
  const isAnchored = anchoring(h)
  const order = groupOrder(h, isAnchored)
  const context: LayoutContext = {
    options,
    measure: options.measure ?? estimateWidth,
    compare,
    byLabel,
    columnWidth: columnWidthFor(order.length, options.width),
  }
  const packed = fitColumns(h, context, order, options.width)
  const sizes = sizeHubs(h, context)
  const geometry = rowGeometry(h.hubs, rows.layer, (id) => sizes.get(id)!.height)
  const columns = placeColumns(h, context, order, packed, geometry.columnsTop)
  const desired = desiredCentres(h, isAnchored, columns.groupSpan, columns.nodes)
  const hubs = placeHubs(h, context, rows.layer, geometry, sizes, desired, isAnchored, hubBounds(columns.groupSpan, options.width))
  const nodes = new Map([...columns.nodes, ...hubs])
  const { edges, trunks } = drawEdges(relations, h.links, h.primary.values(), nodes, order, columns, geometry.columnsTop)
  const connectors = [...columns.connectors, ...trunks]

  // Fit: shift everything right of the margin, centred when there is room to spare.
  const all = [...nodes.values()]
  const { dx, width } = fit(all, columns.groupSpan, options.width)
  const maxY = Math.max(
    geometry.columnsTop,
    ...all.map((n) => n.y + n.height),
    ...columns.captions.map((c) => c.y + c.lines.length * G.column.caption),
  )
  for (const n of all) n.x = r1(n.x + dx)
  for (const c of columns.captions) c.x = r1(c.x + dx)

  return {
    width: Math.ceil(width),
    height: Math.ceil(maxY + G.margin),
    nodes: readingOrder(all, order),
    edges: edges.map((e) => ({ ...e, path: shiftX(e.path, dx) })),
    captions: columns.captions,
    connectors: connectors.map((c) => ({ ...c, path: shiftX(c.path, dx) })),
    outline: buildOutline(h, context, rows),
    unlinked: h.unlinked,
  }
}

/** Where the hubs' rows may spread: over the columns and the room the window leaves on either side of them. */
function hubBounds(groupSpan: ReadonlyMap<string, GroupSpan>, available: number): { left: number; right: number } | undefined {
  const spans = [...groupSpan.values()]
  if (spans.length === 0) return undefined
  const left = Math.min(...spans.map((s) => s.left))
  const right = Math.max(...spans.map((s) => s.right))
  const spare = Math.max(0, available - 2 * G.margin - (right - left)) / 2
  return { left: left - spare, right: right + spare }
}

/** The drawing's width (the width available, or more when it cannot fit) and the shift that centres it in that. */
function fit(nodes: readonly NetworkNode[], groupSpan: ReadonlyMap<string, GroupSpan>, available: number): { dx: number; width: number } {
  const minX = Math.min(...nodes.map((n) => n.x), ...[...groupSpan.values()].map((s) => s.left))
  const maxX = Math.max(...nodes.map((n) => n.x + n.width), ...[...groupSpan.values()].map((s) => s.right))
  const content = maxX - minX
  const width = Math.max(available, content + 2 * G.margin)
  return { dx: (width - content) / 2 - minX, width }
}

/** Reading order for the keyboard: rows top to bottom, then the columns down and across. */
function readingOrder(nodes: readonly NetworkNode[], order: readonly string[]): NetworkNode[] {
  const left = (n: NetworkNode): number => Math.round(n.x - n.indent * G.column.nest)
  return [
    ...nodes.filter((n) => n.role === 'hub').sort((a, b) => a.layer - b.layer || a.x - b.x),
    ...nodes
      .filter((n) => n.role === 'member')
      .sort((a, b) => order.indexOf(a.group!) - order.indexOf(b.group!) || left(a) - left(b) || a.y - b.y),
  ]
}
