/** The network in a given year: what existed then, and the years the slider offers. */
import { lastYearOf, yearOf } from '../../../shared/content/dates'
import type { Organisation, PartialDate, Relation } from '../../../shared/content/schema'

/** The earliest year any source gives for an organisation's founding; null when none does. */
export function foundedYear(org: Organisation): number | null {
  return org.founded.length > 0 ? Math.min(...org.founded.map((claim) => yearOf(claim.value))) : null
}

/** The founding years as a hub's second line: "1979", or "2006 / 2005" where sources disagree. */
export function foundedLabel(org: Organisation): string | null {
  const years = [...new Set(org.founded.map((claim) => yearOf(claim.value)))]
  return years.length > 0 ? years.join(' / ') : null
}

/** Whether a relation held in `year`: begun by then (or undated), not yet ended. */
export function relationHeld(relation: Relation, year: number): boolean {
  return (!relation.since || yearOf(relation.since) <= year) && (!relation.until || lastYearOf(relation.until) >= year)
}

export interface Snapshot {
  organisations: Set<string>
  relations: Set<number>
}

/**
 * What existed in `year` (null: everything the pack records): organisations founded by then or undated, and
 * relations that held then between two organisations that existed.
 */
export function snapshot(organisations: readonly Organisation[], relations: readonly Relation[], year: number | null): Snapshot {
  const present = new Set(organisations.filter((o) => year === null || (foundedYear(o) ?? -Infinity) <= year).map((o) => o.id))
  const held = new Set<number>()
  relations.forEach((r, index) => {
    if (present.has(r.from) && present.has(r.to) && (year === null || relationHeld(r, year))) held.add(index)
  })
  return { organisations: present, relations: held }
}

/** The years the slider offers: from the first dated founding or relation to the pack's own year. */
export function yearExtent(organisations: readonly Organisation[], relations: readonly Relation[], packYear: number) {
  const years = [
    ...organisations.flatMap((o) => o.founded.map((claim) => yearOf(claim.value))),
    ...relations.flatMap((r) => [r.since, r.until].filter((d): d is PartialDate => d !== undefined).map(yearOf)),
  ]
  const min = years.length > 0 ? Math.min(...years) : packYear
  return { min: Math.min(min, packYear), max: Math.max(packYear, ...years) }
}

/** The year in the address (?year=1995), clamped to the extent; null when absent or not a year. */
export function readYear(query: Record<string, string>, extent: { min: number; max: number }): number | null {
  const raw = query['year']
  if (raw === undefined || !/^\d{4}$/.test(raw)) return null
  return Math.min(extent.max, Math.max(extent.min, Number(raw)))
}
