/** One organisation's relations, as the card and the highlighting in the diagram show them. */
import type { Relation, RelationType } from '../../../shared/content/schema'
import type { NetworkLayout, NetworkNode } from './geometry'

/** The relation types in the order the legend lists them. */
export const RELATION_TYPES: readonly RelationType[] = [
  'sectoral-organisation-of',
  'regional-organisation-of',
  'sub-region-of',
  'member-of',
  'founding-member-of',
  'forerunner-of',
]

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
