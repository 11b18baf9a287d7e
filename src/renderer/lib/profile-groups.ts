/** Pure groupings for the profile view: relations by kind and direction, figures by metric and scope. */
import { disagreeingFigures } from '../../shared/content/claims'
import type { Figure, LocalisedText } from '../../shared/content/schema'
import type { RelationLink } from '../../shared/domain'
import { relationLabel } from './format'

export function groupRelations(relations: RelationLink[]): { label: string; links: RelationLink[] }[] {
  const groups = new Map<string, { label: string; links: RelationLink[] }>()
  for (const r of relations) {
    const key = `${r.type}:${r.direction}`
    const group = groups.get(key) ?? { label: relationLabel(r.type, r.direction), links: [] }
    group.links.push(r)
    groups.set(key, group)
  }
  return [...groups.values()]
}

export interface FigureGroup {
  metric: string
  scope: LocalisedText | null
  /** Oldest first: a change over time reads down the table. */
  figures: Figure[]
  /** Sources give different values at one moment (shared/content/claims.ts): shown side by side, marked. */
  disputed: boolean
}

export function groupFigures(figures: Figure[]): FigureGroup[] {
  const groups = new Map<string, Figure[]>()
  for (const f of figures) {
    const key = `${f.metric}|${f.scope?.en ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  return [...groups.values()].map((list) => {
    const sorted = list.toSorted((a, b) => (a.asOf?.value ?? '').localeCompare(b.asOf?.value ?? ''))
    const disputed = disagreeingFigures(sorted)
    return {
      metric: sorted[0]!.metric,
      scope: sorted[0]!.scope ?? null,
      figures: sorted,
      disputed: disputed.size > 0,
    }
  })
}
