/**
 * The structure under the drawing. Structural relations make a tree: each organisation hangs under one *primary*
 * parent, the most specific one (deepest in the structure). An organisation whose primary link is a membership (or
 * whose parent is a member) is a *member*, listed in a column; the others are *hubs*, drawn as boxes in rows.
 */
import { statusRank } from '../../../shared/content/claims'
import type { Organisation, Relation, RelationType } from '../../../shared/content/schema'

/** A relation between two organisations the pack has, with its index in the pack's list. */
export interface Link {
  relation: Relation
  index: number
}

export type Role = 'hub' | 'member'

/** Structural types, most telling first: when two parents are equally deep, the regional link wins. */
const STRUCTURAL_RANK: Partial<Record<RelationType, number>> = {
  'regional-organisation-of': 0,
  'sub-region-of': 1,
  'sectoral-organisation-of': 2,
  'member-of': 3,
}

export const isStructural = (type: RelationType): boolean => STRUCTURAL_RANK[type] !== undefined

export interface Hierarchy {
  orgs: ReadonlyMap<string, Organisation>
  /** The relations drawn: between two known organisations, not to itself. */
  links: readonly Link[]
  /** Organisations with no relation drawn, by label. */
  unlinked: string[]
  /** The link to each organisation's primary parent. */
  primary: ReadonlyMap<string, Link>
  /** Each parent's children in the tree, by label. */
  kids: ReadonlyMap<string, string[]>
  /** The links touching each organisation. */
  neighbours: ReadonlyMap<string, Link[]>
  /** The hubs, in the pack's order. */
  hubs: string[]
  /** Hubs with no parent, by label. */
  roots: string[]
  parentOf: (id: string) => string | null
  roleOf: (id: string) => Role
  hubKids: (id: string) => string[]
  memberKids: (id: string) => string[]
  /** A hub with members of its own: it heads a member column. */
  hasGroup: (id: string) => boolean
}

/** Each organisation's primary parent: the deepest, then the most telling type, the surest, the first in the pack. */
function primaryParents(links: readonly Link[]): Map<string, Link> {
  const ups = new Map<string, Link[]>()
  for (const link of links) {
    if (isStructural(link.relation.type)) ups.set(link.relation.from, [...(ups.get(link.relation.from) ?? []), link])
  }
  // Depth by the longest path up.
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
        statusRank(a.relation.status) - statusRank(b.relation.status) ||
        a.index - b.index,
    )[0]
    if (best) primary.set(id, best)
  }
  cutCycles(primary)
  return primary
}

/** A cycle in the pack would make the tree endless: cut it where it closes. */
function cutCycles(primary: Map<string, Link>): void {
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
}

export function buildHierarchy(
  organisations: readonly Organisation[],
  relations: readonly Relation[],
  byLabel: (a: string, b: string) => number,
): Hierarchy {
  const orgs = new Map(organisations.map((o) => [o.id, o]))
  const links: Link[] = relations
    .map((relation, index) => ({ relation, index }))
    .filter(({ relation: r }) => orgs.has(r.from) && orgs.has(r.to) && r.from !== r.to)
  const linked = new Set(links.flatMap(({ relation: r }) => [r.from, r.to]))
  const unlinked = organisations.filter((o) => !linked.has(o.id)).map((o) => o.id)
  unlinked.sort(byLabel)

  const primary = primaryParents(links)
  const parentOf = (id: string): string | null => primary.get(id)?.relation.to ?? null
  const kids = new Map<string, string[]>()
  for (const [id, link] of primary) kids.set(link.relation.to, [...(kids.get(link.relation.to) ?? []), id])
  for (const list of kids.values()) list.sort(byLabel)

  const roles = new Map<string, Role>()
  const roleOf = (id: string): Role => {
    let role = roles.get(id)
    if (role) return role
    const link = primary.get(id)
    role = !link ? 'hub' : link.relation.type === 'member-of' || roleOf(link.relation.to) === 'member' ? 'member' : 'hub'
    roles.set(id, role)
    return role
  }
  const hubKids = (id: string): string[] => (kids.get(id) ?? []).filter((k) => roleOf(k) === 'hub')
  const memberKids = (id: string): string[] => (kids.get(id) ?? []).filter((k) => roleOf(k) === 'member')
  const hubs = organisations.map((o) => o.id).filter((id) => linked.has(id) && roleOf(id) === 'hub')

  const neighbours = new Map<string, Link[]>()
  for (const link of links) {
    for (const end of [link.relation.from, link.relation.to]) neighbours.set(end, [...(neighbours.get(end) ?? []), link])
  }

  return {
    orgs,
    links,
    unlinked,
    primary,
    kids,
    neighbours,
    hubs,
    roots: hubs.filter((id) => !primary.has(id)).sort(byLabel),
    parentOf,
    roleOf,
    hubKids,
    memberKids,
    hasGroup: (id) => roleOf(id) === 'hub' && memberKids(id).length > 0,
  }
}
