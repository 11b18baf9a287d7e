/**
 * The hubs' rows: the tree's depth, top-level organisations in row 0. Organisations outside the tree (networks that
 * only others belong to, forerunners) take the row next to what they are linked to.
 */
import type { Relation } from '../../../shared/content/schema'
import { GEOMETRY as G } from './geometry'
import type { Hierarchy } from './hierarchy'

export interface Rows {
  /** Each hub's row. */
  layer: Map<string, number>
  /** Top-level hubs with something beneath them, by label. */
  treeRoots: string[]
  /** Top-level hubs with nothing beneath them, placed by what they are linked to. */
  satellites: string[]
}

/** The end drawn higher: the parent, the body joined, the forerunner (time runs down the page). */
const upperEnd = (r: Relation): string => (r.type === 'forerunner-of' ? r.from : r.to)

export function assignRows(h: Hierarchy): Rows {
  const layer = new Map<string, number>()
  const setLayer = (id: string, l: number): void => {
    layer.set(id, l)
    for (const k of h.hubKids(id)) setLayer(k, l + 1)
  }
  const treeRoots = h.roots.filter((id) => (h.kids.get(id) ?? []).length > 0)
  for (const root of treeRoots) setLayer(root, 0)
  const satellites = h.roots.filter((id) => !layer.has(id))
  placeSatellites(h, layer, satellites)
  const lowest = Math.min(0, ...layer.values())
  if (lowest < 0) for (const [id, l] of layer) layer.set(id, l - lowest)
  return { layer, treeRoots, satellites }
}

/** Just above what they lead to, else just below what leads to them; rounds until nothing more can be placed. */
function placeSatellites(h: Hierarchy, layer: Map<string, number>, satellites: readonly string[]): void {
  let pending = satellites
  while (pending.length > 0) {
    const bottom = Math.max(-1, ...layer.values())
    const rowOf = (id: string): number | undefined => (h.roleOf(id) === 'member' ? bottom + 1 : layer.get(id))
    const next: string[] = []
    for (const id of pending) {
      const above: number[] = []
      const below: number[] = []
      for (const { relation } of h.neighbours.get(id) ?? []) {
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
}

export interface RowGeometry {
  count: number
  heights: number[]
  tops: number[]
  /** Where the member columns begin, below the last row. */
  columnsTop: number
}

/** Each row as tall as its tallest hub, the rows a gap apart, the member columns below them. */
export function rowGeometry(hubs: readonly string[], layer: ReadonlyMap<string, number>, heightOf: (id: string) => number): RowGeometry {
  const count = Math.max(0, ...[...layer.values()].map((l) => l + 1))
  const heights = Array.from({ length: count }, (_, l) => Math.max(0, ...hubs.filter((id) => layer.get(id) === l).map(heightOf)))
  const tops: number[] = []
  let y = G.margin + 16
  for (const h of heights) {
    tops.push(y)
    y += h + G.rowGap
  }
  return { count, heights, tops, columnsTop: count > 0 ? y - G.rowGap + G.columnsGap : G.margin }
}
