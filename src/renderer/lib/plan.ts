/**
 * Pure helpers for the strategic plan view: where the plan stands in time, the order of its sources, and the
 * pillar × organisation matrix of what the pack records (and nothing it does not).
 */
import type { HistoryEvent, StrategicPlan } from '../../shared/content/schema'

export type Pillar = StrategicPlan['pillars'][number]

/** Whether the plan's period is still to come, running, or over on the day `isoDay` (YYYY-MM-DD). */
export type PlanPhase = 'upcoming' | 'running' | 'ended'

export function planPhase(period: StrategicPlan['period'], isoDay: string): PlanPhase {
  const year = Number(isoDay.slice(0, 4))
  return year > period.to ? 'ended' : year < period.from ? 'upcoming' : 'running'
}

/** The pillar's events the pack has, in the pillar's order; ids the pack lacks are left out. */
export const pillarEvents = (pillar: Pillar, events: ReadonlyMap<string, HistoryEvent>): HistoryEvent[] =>
  pillar.events.flatMap((id) => events.get(id) ?? [])

/** Every source the page cites, once, in the order the page shows them: the numbered source list. */
export function planSourceOrder(plan: StrategicPlan, events: ReadonlyMap<string, HistoryEvent>): string[] {
  return [
    ...new Set([
      ...plan.status.sources,
      ...plan.adopted.flatMap((claim) => claim.sources),
      ...plan.adoptedBy.sources,
      ...plan.pillars.flatMap((pillar) => [
        ...pillar.sources,
        ...pillarEvents(pillar, events).flatMap((e) => e.date.flatMap((d) => d.sources)),
      ]),
      ...plan.challenges.flatMap((item) => item.sources),
      ...plan.commitments.flatMap((item) => item.sources),
    ]),
  ]
}

export interface MatrixCell {
  pillar: Pillar
  /** The pack lists the organisation under the pillar. */
  named: boolean
  /** The pillar's events that name the organisation. */
  events: HistoryEvent[]
}

export interface MatrixRow {
  org: string
  /** Named under at least one pillar (otherwise linked only through events). */
  named: boolean
  cells: MatrixCell[]
}

/**
 * Rows: every organisation the pack links to a pillar, either by naming it under the pillar or through an
 * event linked to the pillar. Named ones first, then by how many pillars they touch, then by `name`.
 */
export function pillarMatrix(plan: StrategicPlan, events: ReadonlyMap<string, HistoryEvent>, name: (id: string) => string): MatrixRow[] {
  const ids = [
    ...new Set(
      plan.pillars.flatMap((pillar) => [...pillar.organisations, ...pillarEvents(pillar, events).flatMap((e) => e.organisations)]),
    ),
  ]
  const rows = ids.map((org): MatrixRow => {
    const cells = plan.pillars.map((pillar) => ({
      pillar,
      named: pillar.organisations.includes(org),
      events: pillarEvents(pillar, events).filter((e) => e.organisations.includes(org)),
    }))
    return { org, named: cells.some((c) => c.named), cells }
  })
  const touched = (row: MatrixRow): number => row.cells.filter((c) => c.named || c.events.length > 0).length
  return rows.toSorted(
    (a, b) =>
      Number(b.named) - Number(a.named) ||
      touched(b) - touched(a) ||
      name(a.org).localeCompare(name(b.org), undefined, { sensitivity: 'base' }),
  )
}
