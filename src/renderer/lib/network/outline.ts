/** The network as a nested list: hubs with their regional bodies, then their members by country. */
import { countryBlocks } from './columns'
import type { LayoutContext, OutlineItem } from './geometry'
import type { Hierarchy } from './hierarchy'
import type { Rows } from './rows'

export function buildOutline(h: Hierarchy, context: LayoutContext, rows: Rows): OutlineItem[] {
  const outlineOf = (id: string): OutlineItem => ({
    id,
    via: h.primary.get(id)?.index ?? null,
    children: h.roleOf(id) === 'hub' ? h.hubKids(id).map(outlineOf) : h.memberKids(id).map(outlineOf),
    groups:
      h.roleOf(id) === 'hub'
        ? countryBlocks(h, context, h.memberKids(id)).map((b) => ({
            key: b.key,
            label: b.label,
            items: b.units.map((u) => outlineOf(u[0]!.id)),
          }))
        : [],
  })
  const satellites = rows.satellites.toSorted((a, b) => rows.layer.get(a)! - rows.layer.get(b)! || context.byLabel(a, b))
  return [...rows.treeRoots, ...satellites].map(outlineOf)
}
