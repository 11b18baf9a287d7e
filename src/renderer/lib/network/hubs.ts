/**
 * The hubs' boxes: their size, then their place in the row. Hubs over member columns or regional bodies are
 * centred over them; the rest by what they are linked to; then each row is spread so that no two boxes overlap.
 */
import { GEOMETRY as G, type LayoutContext, type NetworkNode } from './geometry'
import type { Hierarchy } from './hierarchy'
import type { GroupSpan } from './members'
import type { RowGeometry } from './rows'
import { wrapLabel } from './text'
import { foundedLabel } from './years'

export interface HubSize {
  width: number
  height: number
  lines: string[]
  sub: string | null
}

/** Each hub's box: its label in up to three lines, the founding year(s) beneath. */
export function sizeHubs(h: Hierarchy, context: LayoutContext): Map<string, HubSize> {
  const { options, measure } = context
  const sizes = new Map<string, HubSize>()
  for (const id of h.hubs) {
    const lines = wrapLabel(options.label(id), G.hub.maxWidth - 2 * G.hub.padX, 'hub', measure, G.hub.maxLines)
    const sub = foundedLabel(h.orgs.get(id)!)
    const textWidth = Math.max(...lines.map((l) => measure(l, 'hub')), sub ? measure(sub, 'hub-sub') : 0)
    sizes.set(id, {
      lines,
      sub,
      width: Math.max(G.hub.minWidth, Math.min(G.hub.maxWidth, Math.ceil(textWidth + 2 * G.hub.padX))),
      height: 2 * G.hub.padY + lines.length * G.hub.line + (sub ? G.hub.sub : 0),
    })
  }
  return sizes
}

/**
 * Removes overlaps along a row with the least weighted movement (isotonic regression, pool adjacent violators),
 * keeping the row between `bounds` when it fits there: clipping the solution to a range is the optimum under the
 * range too, since every box keeps its offset from the first.
 */
export function spreadRow(
  items: readonly { desired: number; width: number; weight: number }[],
  gap: number,
  bounds?: { left: number; right: number },
): number[] {
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
  if (!bounds || items.length === 0) return out
  const low = bounds.left + items[0]!.width / 2 - offsets[0]!
  const high = bounds.right - items.at(-1)!.width / 2 - offsets.at(-1)!
  if (low > high) return out
  return out.map((x, i) => Math.min(high, Math.max(low, x - offsets[i]!)) + offsets[i]!)
}

/** Where each hub's centre would be: anchored hubs over their columns and regional bodies, then the rest by their neighbours. */
export function desiredCentres(
  h: Hierarchy,
  isAnchored: (id: string) => boolean,
  groupSpan: ReadonlyMap<string, GroupSpan>,
  members: ReadonlyMap<string, NetworkNode>,
): Map<string, number> {
  const desired = new Map<string, number>()
  const spanOf = (id: string): { left: number; right: number } | null => {
    const parts = [groupSpan.get(id), ...h.hubKids(id).filter(isAnchored).map(spanOf)].filter(
      (s): s is { left: number; right: number } => !!s,
    )
    if (parts.length === 0) return null
    const span = { left: Math.min(...parts.map((p) => p.left)), right: Math.max(...parts.map((p) => p.right)) }
    desired.set(id, (span.left + span.right) / 2)
    return span
  }
  for (const root of h.roots) spanOf(root)
  const centreOf = (id: string): number | undefined => {
    const member = h.roleOf(id) === 'member' ? members.get(id) : undefined
    return member ? member.x + member.width / 2 : desired.get(id)
  }
  let loose = h.hubs.filter((id) => !desired.has(id))
  while (loose.length > 0) {
    const next: string[] = []
    const found = new Map<string, number>()
    for (const id of loose) {
      const others = [...new Set((h.neighbours.get(id) ?? []).map(({ relation: r }) => (r.from === id ? r.to : r.from)))]
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
  return desired
}

/** The hubs' nodes, row by row, each row spread apart around the desired centres (anchored hubs move least), within `bounds` where a row fits. */
export function placeHubs(
  h: Hierarchy,
  context: LayoutContext,
  layer: ReadonlyMap<string, number>,
  rows: RowGeometry,
  sizes: ReadonlyMap<string, HubSize>,
  desired: ReadonlyMap<string, number>,
  isAnchored: (id: string) => boolean,
  bounds?: { left: number; right: number },
): Map<string, NetworkNode> {
  const nodes = new Map<string, NetworkNode>()
  for (let l = 0; l < rows.count; l++) {
    const row = h.hubs
      .filter((id) => layer.get(id) === l)
      .sort((a, b) => desired.get(a)! - desired.get(b)! || Number(isAnchored(b)) - Number(isAnchored(a)) || context.byLabel(a, b))
    const xs = spreadRow(
      row.map((id) => ({ desired: desired.get(id)!, width: sizes.get(id)!.width, weight: isAnchored(id) ? 6 : 1 })),
      G.hubGap,
      bounds,
    )
    row.forEach((id, i) => {
      const size = sizes.get(id)!
      nodes.set(id, {
        id,
        role: 'hub',
        x: xs[i]! - size.width / 2,
        y: rows.tops[l]! + (rows.heights[l]! - size.height) / 2,
        width: size.width,
        height: size.height,
        lines: size.lines,
        sub: size.sub,
        parent: h.parentOf(id),
        primary: h.primary.get(id)?.index ?? null,
        layer: l,
        indent: 0,
        group: null,
      })
    })
  }
  return nodes
}
