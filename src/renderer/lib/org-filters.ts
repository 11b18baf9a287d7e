/**
 * The organisation list's filters and sort, kept in the route's query so that they survive a reload and travel
 * in a deep link: #/org/cecop?kind=national-federation&member=cicopa&sort=founded. Pure: no state, no DOM.
 */
import { listedNames, shortName } from '../../shared/content/names'
import type { OrganisationKind } from '../../shared/content/schema'
import type { OrganisationSummary } from '../../shared/domain'
import { fold } from '../../shared/fold'
import { intl } from './intl-cache'

export const SORT_KEYS = ['acronym', 'name', 'country', 'founded'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export const DEFAULT_SORT: SortKey = 'acronym'

export const KINDS: readonly OrganisationKind[] = [
  'international',
  'regional',
  'sub-regional',
  'national-federation',
  'support-organisation',
  'cooperative-group',
  'network',
  'enterprise',
]

export const REGIONS = ['world', 'europe', 'americas', 'north-america', 'mercosur', 'asia-pacific'] as const
export type Region = (typeof REGIONS)[number]

/** The organisations the list offers as "member of" toggles, in this order. */
export const MEMBER_PARENTS = ['cecop', 'cicopa'] as const

/** The query keys the list owns; everything else in the query belongs to someone else. */
export const LIST_KEYS = ['q', 'kind', 'region', 'country', 'member', 'sort'] as const

export interface ListFilters {
  /** Free text, matched against the name, the acronym and the names of the countries. */
  q: string
  kind: OrganisationKind | null
  region: Region | null
  /** ISO 3166-1 alpha-2. */
  country: string | null
  /** Organisation ids: the organisation must be a current member of every one. */
  member: string[]
  sort: SortKey
}

export const NO_FILTERS: ListFilters = { q: '', kind: null, region: null, country: null, member: [], sort: DEFAULT_SORT }

/**
 * Countries by region, for organisations that name countries rather than a region (national federations).
 * Europe, the Americas and Asia-Pacific are the continents as the cooperative movement's regions draw them
 * (ICA and CICOPA regions); North America and Mercosur follow the countries of CICOPA's sub-regions in the pack.
 */
const COUNTRIES_OF: Record<Exclude<Region, 'world'>, ReadonlySet<string>> = {
  europe: codes(
    'AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GI GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK',
  ),
  americas: codes('AG AR BB BO BR BS BZ CA CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PR PY SR SV TT US UY VC VE'),
  'north-america': codes('CA MX US'),
  mercosur: codes('AR BR PY UY'),
  'asia-pacific': codes(
    'AF AU BD BN BT CN FJ HK ID IN IR JO JP KG KH KP KR KW KZ LA LK MM MN MO MV MY NP NZ PG PH PK PS SB SG TH TJ TL TM TO TW UZ VN VU WS',
  ),
}

function codes(list: string): ReadonlySet<string> {
  return new Set(list.split(' '))
}

const isKind = (value: string | undefined): value is OrganisationKind => KINDS.includes(value as OrganisationKind)
const isRegion = (value: string | undefined): value is Region => REGIONS.includes(value as Region)
const isSort = (value: string | undefined): value is SortKey => SORT_KEYS.includes(value as SortKey)

/** Reads the filters from a route query; values it does not know are ignored, never an error. */
export function parseFilters(query: Record<string, string>): ListFilters {
  const country = query['country']?.toUpperCase()
  return {
    q: query['q'] ?? '',
    kind: isKind(query['kind']) ? query['kind'] : null,
    region: isRegion(query['region']) ? query['region'] : null,
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    member: [...new Set((query['member'] ?? '').split(',').filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)))],
    sort: isSort(query['sort']) ? query['sort'] : DEFAULT_SORT,
  }
}

/** The query for these filters: defaults are left out, so an unfiltered list has a clean address. */
export function filtersToQuery(filters: ListFilters): Record<string, string> {
  const query: Record<string, string> = {}
  if (filters.q !== '') query['q'] = filters.q
  if (filters.kind) query['kind'] = filters.kind
  if (filters.region) query['region'] = filters.region
  if (filters.country) query['country'] = filters.country
  if (filters.member.length > 0) query['member'] = filters.member.join(',')
  if (filters.sort !== DEFAULT_SORT) query['sort'] = filters.sort
  return query
}

/** The list's part of a query, to carry along when moving from one profile to another. */
export function listQuery(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => (LIST_KEYS as readonly string[]).includes(key)))
}

/** `query` with the list's part replaced by these filters; keys that belong to others are kept. */
export function withFilters(query: Record<string, string>, filters: ListFilters): Record<string, string> {
  const others = Object.entries(query).filter(([key]) => !(LIST_KEYS as readonly string[]).includes(key))
  return { ...Object.fromEntries(others), ...filtersToQuery(filters) }
}

/** Whether anything narrows the list (the sort order does not). */
export function isFiltered(filters: ListFilters): boolean {
  return (
    filters.q.trim() !== '' || filters.kind !== null || filters.region !== null || filters.country !== null || filters.member.length > 0
  )
}

/** The filters cleared, keeping the sort order the reader chose. */
export const cleared = (filters: ListFilters): ListFilters => ({ ...NO_FILTERS, sort: filters.sort })

/** The regions an organisation belongs to: its own, and those of the countries it names. */
export function regionsOf(org: Pick<OrganisationSummary, 'region' | 'countries'>): Set<Region> {
  const regions = new Set<Region>()
  if (isRegion(org.region ?? undefined)) regions.add(org.region as Region)
  for (const [region, countries] of Object.entries(COUNTRIES_OF) as [Region, ReadonlySet<string>][]) {
    if (org.countries.some((c) => countries.has(c))) regions.add(region)
  }
  // A sub-region lies within the Americas.
  if (regions.has('north-america') || regions.has('mercosur')) regions.add('americas')
  return regions
}

/** The membership of `org` in `parent`, if current: with its status, so that an inferred one can be marked. */
export const membershipIn = (org: OrganisationSummary, parent: string) => org.memberOf.find((m) => m.id === parent) ?? null

export interface FilterContext {
  /** A country's name in the UI language, for matching typed text and sorting by country. */
  countryName: (code: string) => string
  locale: string
}

/** The organisations that pass the filters, in the chosen order. */
export function applyFilters(organisations: OrganisationSummary[], filters: ListFilters, context: FilterContext): OrganisationSummary[] {
  const q = fold(filters.q.trim())
  const shown = organisations.filter(
    (o) =>
      (filters.kind === null || o.kind === filters.kind) &&
      (filters.region === null || regionsOf(o).has(filters.region)) &&
      (filters.country === null || o.countries.includes(filters.country)) &&
      filters.member.every((parent) => membershipIn(o, parent) !== null) &&
      (q === '' || fold([o.name, o.acronym ?? '', ...o.countries.map(context.countryName)].join(' ')).includes(q)),
  )
  return sortOrganisations(shown, filters.sort, context)
}

export const shortLabel = (o: Pick<OrganisationSummary, 'acronym' | 'name'>): string => shortName(listedNames(o))

/** Sorts by the key, then by the short label; organisations with no country or no founding year come last. */
export function sortOrganisations(organisations: OrganisationSummary[], sort: SortKey, context: FilterContext): OrganisationSummary[] {
  const collator = intl(
    `collator-numeric:${context.locale}`,
    () => new Intl.Collator(context.locale, { sensitivity: 'base', numeric: true }),
  )
  const byLabel = (a: OrganisationSummary, b: OrganisationSummary) => collator.compare(shortLabel(a), shortLabel(b))
  const lastIfNull = <T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : compare(a, b)
  const countryOf = (o: OrganisationSummary) => (o.countries.length > 0 ? context.countryName(o.countries[0]!) : null)
  const compare: Record<SortKey, (a: OrganisationSummary, b: OrganisationSummary) => number> = {
    acronym: byLabel,
    name: (a, b) => collator.compare(a.name, b.name) || byLabel(a, b),
    country: (a, b) => lastIfNull(countryOf(a), countryOf(b), collator.compare) || byLabel(a, b),
    founded: (a, b) => lastIfNull(a.foundedYear, b.foundedYear, (x, y) => x - y) || byLabel(a, b),
  }
  return organisations.toSorted(compare[sort])
}

export interface FacetOption<T extends string> {
  value: T
  count: number
}

/** What the selects offer: only values some organisation has, each with how many organisations have it. */
export function facets(organisations: OrganisationSummary[], context: FilterContext) {
  const count = <T extends string>(values: T[][]): Map<T, number> => {
    const counts = new Map<T, number>()
    for (const list of values) for (const value of new Set(list)) counts.set(value, (counts.get(value) ?? 0) + 1)
    return counts
  }
  const kinds = count(organisations.map((o) => [o.kind]))
  const regions = count(organisations.map((o) => [...regionsOf(o)]))
  const countries = count(organisations.map((o) => o.countries))
  const collator = intl(`collator:${context.locale}`, () => new Intl.Collator(context.locale, { sensitivity: 'base' }))
  return {
    kinds: KINDS.filter((k) => kinds.has(k)).map((value) => ({ value, count: kinds.get(value)! })),
    regions: REGIONS.filter((r) => regions.has(r)).map((value) => ({ value, count: regions.get(value)! })),
    // Each name looked up once, not twice per comparison (Intl.DisplayNames is not free).
    countries: [...countries.entries()]
      .map(([value, n]) => ({ value, count: n, name: context.countryName(value) }))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map(({ value, count }) => ({ value, count })),
    members: MEMBER_PARENTS.map((parent) => ({
      value: parent as string,
      count: organisations.filter((o) => membershipIn(o, parent) !== null).length,
    })),
  }
}
