/** Drawing the member columns, left to right: headings, country captions, the members and the lines between them. */
import type { PackedColumn } from './columns'
import { GEOMETRY as G, type Caption, type Connector, type LayoutContext, type NetworkNode } from './geometry'
import type { Hierarchy } from './hierarchy'
import { wrapLabel } from './text'

export interface GroupSpan {
  left: number
  right: number
  /** Where the group's first column's spine runs, and its trunk arrives. */
  spine: number
}

export interface MemberColumns {
  nodes: Map<string, NetworkNode>
  captions: Caption[]
  connectors: Connector[]
  groupSpan: Map<string, GroupSpan>
  /** The short lines from a spine to each member: they draw the member's primary relation. */
  treeTicks: { index: number; path: string }[]
}

export function placeColumns(
  h: Hierarchy,
  context: LayoutContext,
  order: readonly string[],
  packed: ReadonlyMap<string, PackedColumn[]>,
  columnsTop: number,
): MemberColumns {
  const out: MemberColumns = { nodes: new Map(), captions: [], connectors: [], groupSpan: new Map(), treeTicks: [] }
  const colW = context.columnWidth
  let x = G.margin
  for (const hub of order) {
    const columns = packed.get(hub)!
    const width = columns.length * colW + (columns.length - 1) * G.column.gap
    out.groupSpan.set(hub, { left: x, right: x + width, spine: x + G.column.spine })
    const heading = wrapLabel(
      context.options.groupHeading(hub, h.hubKids(hub).length > 0),
      width - G.column.pillX,
      'heading',
      context.measure,
    )
    out.captions.push({ kind: 'group', group: hub, x: x + G.column.pillX, y: columnsTop, lines: heading })
    const top = columnsTop + heading.length * G.column.heading + 8
    columns.forEach((column, c) => placeColumn(h, out, hub, column, x + c * (colW + G.column.gap), top, columnsTop))
    if (columns.length > 1)
      out.connectors.push({
        group: hub,
        path: `M${x + G.column.spine} ${columnsTop}H${x + (columns.length - 1) * (colW + G.column.gap) + G.column.spine}`,
      })
    x += width + G.column.groupGap
  }
  return out
}

/** One column of `hub`'s group at `x0`, its entries from `top` down, its spine from `columnsTop`. */
function placeColumn(
  h: Hierarchy,
  out: MemberColumns,
  hub: string,
  column: PackedColumn,
  x0: number,
  top: number,
  columnsTop: number,
): void {
  const spineX = x0 + G.column.spine
  let cy = top
  let lastMid = top
  for (const entry of column.entries) {
    if (entry.kind === 'caption') {
      if (cy > top) cy += G.column.captionGap
      out.captions.push({ kind: 'country', group: hub, x: x0 + G.column.pillX, y: cy, lines: [entry.block.label] })
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
        parent: h.parentOf(u.id),
        primary: u.via,
        layer: -1,
        indent: u.indent,
        group: hub,
      }
      out.nodes.set(u.id, node)
      const mid = cy + Math.min(u.height, G.pill.height) / 2
      if (u.indent === 0) {
        out.treeTicks.push({ index: u.via, path: `M${spineX} ${mid}H${px}` })
        lastMid = mid
      } else {
        const parent = parentPill[u.indent - 1]!
        const nestSpine = parent.x + G.column.spine
        out.treeTicks.push({ index: u.via, path: `M${nestSpine} ${mid}H${px}` })
        out.connectors.push({ group: hub, path: `M${nestSpine} ${parent.y + parent.height}V${mid}` })
      }
      parentPill[u.indent] = node
      parentPill.length = u.indent + 1
      cy += u.height + G.pill.gap
    }
  }
  out.connectors.push({ group: hub, path: `M${spineX} ${columnsTop}V${lastMid}` })
}
