/**
 * Pure helpers for the timeline: ordering events, reading the filters from the address, grouping by decade,
 * the zoomable span of years, the time scale's ticks and the placing of events on it.
 *
 * An event sorts by its first date claim (the pack's rule). A date covers the span its precision allows:
 * 8 June 2021 covers a day, June 2021 a month, 2021 and c. 2021 a year, the 1970s ten years.
 */
import { yearOf } from '../../shared/content/dates'
import { valuesDisagree } from '../../shared/content/claims'
import type { EventCategory, HistoryEvent, PartialDate, StrategicPlan } from '../../shared/content/schema'
import type { MessageKey } from './i18n/catalog'

export const CATEGORIES: readonly EventCategory[] = ['founding', 'law', 'declaration', 'report', 'congress', 'leadership', 'membership']

export const CATEGORY_LABEL: Record<EventCategory, MessageKey> = {
  founding: 'timeline.category.founding',
  law: 'timeline.category.law',
  declaration: 'timeline.category.declaration',
  report: 'timeline.category.report',
  congress: 'timeline.category.congress',
  leadership: 'timeline.category.leadership',
  membership: 'timeline.category.membership',
}

/** A span of whole years, both ends included: { from: 1990, to: 1999 } is the 1990s. */
export interface YearRange {
  from: number
  to: number
}

export interface TimelineFilters extends YearRange {
  org: string | null
  categories: EventCategory[]
}

/** The fewest years a zoom may show. */
export const MIN_SPAN = 5

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** The time a date covers, in fractional years [start, end): a circa year is read as its year. */
export function dateSpan(date: PartialDate): [number, number] {
  const year = yearOf(date)
  switch (date.precision) {
    case 'day': {
      const days = isLeap(year) ? 366 : 365
      const dayOfYear =
        (Date.UTC(year, Number(date.value.slice(5, 7)) - 1, Number(date.value.slice(8, 10))) - Date.UTC(year, 0, 1)) / 86_400_000
      return [year + dayOfYear / days, year + (dayOfYear + 1) / days]
    }
    case 'month': {
      const month = Number(date.value.slice(5, 7))
      return [year + (month - 1) / 12, year + month / 12]
    }
    case 'decade':
      return [year, year + 10]
    default:
      return [year, year + 1]
  }
}

const dateKey = (date: PartialDate): string => `${date.value}|${date.precision}`

/** Each date the sources give for an event, once, in the pack's order (the first is the one it sorts by). */
export function distinctDates(event: HistoryEvent): PartialDate[] {
  const seen = new Set<string>()
  return event.date
    .map((claim) => claim.value)
    .filter((date) => {
      const key = dateKey(date)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}

/** Sources disagree on the date: they give more than one (shared/content/claims.ts). */
export const isDisputed = (event: HistoryEvent): boolean => valuesDisagree(event.date, dateKey)

/** Every source the event's dates cite, once, in order. */
export const eventSources = (event: HistoryEvent): string[] => [...new Set(event.date.flatMap((claim) => claim.sources))]

/** Chronological order by the first date claim; events on the same key keep the pack's order. */
export function sortEvents(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.toSorted((a, b) => {
    const [sa] = dateSpan(a.date[0]!.value)
    const [sb] = dateSpan(b.date[0]!.value)
    return sa - sb || a.date[0]!.value.value.localeCompare(b.date[0]!.value.value)
  })
}

/** The years of all events, widened to whole decades: the timeline's widest zoom. */
export function extentOf(events: readonly HistoryEvent[]): YearRange {
  const spans = events.flatMap((e) => e.date.map((claim) => dateSpan(claim.value)))
  if (spans.length === 0) return { from: 2000, to: 2009 }
  const first = Math.min(...spans.map(([start]) => Math.floor(start)))
  const last = Math.max(...spans.map(([, end]) => Math.ceil(end) - 1))
  return { from: Math.floor(first / 10) * 10, to: Math.floor(last / 10) * 10 + 9 }
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value))

/** Reads the filters from the route's query (`org`, `category` as a comma list, `from`, `to`), ignoring what makes no sense. */
export function readFilters(query: Record<string, string>, extent: YearRange): TimelineFilters {
  const categories = (query['category'] ?? '').split(',').filter((c): c is EventCategory => (CATEGORIES as string[]).includes(c))
  const year = (text: string | undefined, fallback: number): number => {
    const n = Number.parseInt(text ?? '', 10)
    return Number.isFinite(n) ? clamp(n, extent.from, extent.to) : fallback
  }
  let from = year(query['from'], extent.from)
  let to = year(query['to'], extent.to)
  if (from > to) [from, to] = [to, from]
  return { org: query['org'] || null, categories: CATEGORIES.filter((c) => categories.includes(c)), from, to }
}

/** The query for some filters: only what differs from showing everything, so a plain #/timeline stays plain. */
export function filtersQuery(filters: TimelineFilters, extent: YearRange): Record<string, string> {
  const query: Record<string, string> = {}
  if (filters.org) query['org'] = filters.org
  if (filters.categories.length > 0) query['category'] = CATEGORIES.filter((c) => filters.categories.includes(c)).join(',')
  if (filters.from !== extent.from || filters.to !== extent.to) {
    query['from'] = String(filters.from)
    query['to'] = String(filters.to)
  }
  return query
}

/** Whether any date the sources give for the event falls in the years shown. */
export function inRange(event: HistoryEvent, range: YearRange): boolean {
  return event.date.some((claim) => {
    const [start, end] = dateSpan(claim.value)
    return start < range.to + 1 && end > range.from
  })
}

/** The events the filters let through: naming the organisation, of one of the categories, and in the years shown. */
export function filterEvents(events: readonly HistoryEvent[], filters: TimelineFilters): HistoryEvent[] {
  return events.filter(
    (e) =>
      (!filters.org || e.organisations.includes(filters.org)) &&
      (filters.categories.length === 0 || filters.categories.includes(e.category)) &&
      inRange(e, filters),
  )
}

/** How many events name each organisation. */
export function eventCountsByOrganisation(events: readonly HistoryEvent[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const e of events) for (const id of e.organisations) counts.set(id, (counts.get(id) ?? 0) + 1)
  return counts
}

export function eventCountsByCategory(events: readonly HistoryEvent[]): Record<EventCategory, number> {
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<EventCategory, number>
  for (const e of events) counts[e.category] += 1
  return counts
}

export interface DecadeGroup {
  decade: number
  events: HistoryEvent[]
}

/** Sorted events in runs by the decade of their first date. */
export function groupByDecade(sorted: readonly HistoryEvent[]): DecadeGroup[] {
  const groups: DecadeGroup[] = []
  for (const event of sorted) {
    const decade = Math.floor(yearOf(event.date[0]!.value) / 10) * 10
    const last = groups.at(-1)
    if (last?.decade === decade) last.events.push(event)
    else groups.push({ decade, events: [event] })
  }
  return groups
}

const spanOf = (range: YearRange): number => range.to + 1 - range.from

/** Zooms by `factor` (0.5 = in, 2 = out) around `centre` (a year), staying inside the extent and showing at least MIN_SPAN years. */
export function zoomRange(range: YearRange, extent: YearRange, factor: number, centre?: number): YearRange {
  const span = clamp(Math.round(spanOf(range) * factor), Math.min(MIN_SPAN, spanOf(extent)), spanOf(extent))
  const middle = centre ?? range.from + spanOf(range) / 2
  const from = clamp(Math.round(middle - span / 2), extent.from, extent.to + 1 - span)
  return { from, to: from + span - 1 }
}

/** Moves the years shown by half their span, earlier (-1) or later (1), staying inside the extent. */
export function panRange(range: YearRange, extent: YearRange, direction: -1 | 1): YearRange {
  const span = spanOf(range)
  const from = clamp(range.from + direction * Math.max(1, Math.round(span / 2)), extent.from, extent.to + 1 - span)
  return { from, to: from + span - 1 }
}

const STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200]

/** Years to label on a scale `width` pixels wide, at least `minGap` pixels apart, on round numbers. */
export function scaleTicks(range: YearRange, width: number, minGap = 56): number[] {
  const span = spanOf(range)
  const step = STEPS.find((s) => (span / s) * minGap <= width) ?? STEPS.at(-1)!
  const ticks: number[] = []
  for (let year = Math.ceil(range.from / step) * step; year <= range.to + 1; year += step) ticks.push(year)
  return ticks
}

export interface ScaleMark {
  event: HistoryEvent
  /** Where the first date sits. */
  x: number
  lane: number
  /** The span its precision covers, drawn as a bar where that is wider than a dot (a decade, at close zoom a year). */
  bar: [number, number] | null
  /** c. 1995: drawn hollow, with a whisker of two years either side. */
  approximate: boolean
  /** The other dates sources give, drawn hollow and joined to the first. */
  alternates: number[]
}

export interface ScaleLayout {
  marks: ScaleMark[]
  lanes: number
  /** Fractional year → pixels. */
  x: (year: number) => number
}

/** Places events on a scale `width` pixels wide, stacking those that would touch into lanes (at most `maxLanes`). */
export function layoutScale(
  events: readonly HistoryEvent[],
  range: YearRange,
  width: number,
  options = { pad: 20, gap: 4, radius: 4, maxLanes: 9 },
): ScaleLayout {
  const { pad, gap, radius, maxLanes } = options
  const inner = Math.max(1, width - 2 * pad)
  const x = (year: number): number => pad + ((year - range.from) / spanOf(range)) * inner
  const placed = events.map((event) => {
    const [start, end] = dateSpan(event.date[0]!.value)
    const centre = x((start + end) / 2)
    const precision = event.date[0]!.value.precision
    const approximate = precision === 'circa'
    const bar: [number, number] | null = approximate
      ? [x(start - 2), x(end + 2)]
      : x(end) - x(start) > 2 * radius
        ? [x(start), x(end)]
        : null
    const alternates = distinctDates(event)
      .slice(1)
      .map((date) => {
        const [s, e] = dateSpan(date)
        return x((s + e) / 2)
      })
    const left = Math.min(centre - radius, bar?.[0] ?? Infinity, ...alternates.map((a) => a - radius))
    const right = Math.max(centre + radius, bar?.[1] ?? -Infinity, ...alternates.map((a) => a + radius))
    return { event, x: centre, bar, approximate, alternates, left, right }
  })
  const laneEnds: number[] = []
  const marks: ScaleMark[] = placed
    .toSorted((a, b) => a.left - b.left)
    .map(({ left, right, ...mark }) => {
      let lane = laneEnds.findIndex((end) => end + gap <= left)
      if (lane === -1) lane = laneEnds.length < maxLanes ? laneEnds.length : laneEnds.indexOf(Math.min(...laneEnds))
      laneEnds[lane] = right
      return { ...mark, lane }
    })
  return { marks, lanes: Math.max(1, laneEnds.length), x }
}

/** Every source the events cite, once, in order of first citation: the page's numbered source list. */
export function sourceOrder(events: readonly HistoryEvent[]): string[] {
  return [...new Set(events.flatMap(eventSources))]
}

/** For each source, the events that cite it: the way back from a source to what it supports. */
export function citingEvents(events: readonly HistoryEvent[]): Map<string, HistoryEvent[]> {
  const citing = new Map<string, HistoryEvent[]>()
  for (const event of events) for (const id of eventSources(event)) citing.set(id, [...(citing.get(id) ?? []), event])
  return citing
}

export type Pillar = StrategicPlan['pillars'][number]

/** The strategic plan's pillars the pack links the event to. */
export const pillarsOfEvent = (plan: StrategicPlan, eventId: string): Pillar[] => plan.pillars.filter((p) => p.events.includes(eventId))

/** The timeline's list of events is one Tab stop: lib/roving.ts. */
export { neighbour } from './roving'

/** An attachment that takes the links and buttons inside a node out of the Tab order (they stay clickable). */
export function outOfTabOrder(node: HTMLElement): void {
  for (const element of node.querySelectorAll('a[href], button')) element.setAttribute('tabindex', '-1')
}
