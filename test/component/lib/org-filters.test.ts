import { describe, expect, it } from 'vitest'
import {
  applyFilters,
  cleared,
  facets,
  filtersToQuery,
  isFiltered,
  listQuery,
  NO_FILTERS,
  parseFilters,
  regionsOf,
  sortOrganisations,
  withFilters,
} from '../../../src/renderer/lib/org-filters'
import type { OrganisationSummary } from '../../../src/shared/domain'
import { SUMMARIES } from '../org-pack'

const countryName = (code: string) => new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code
const context = { countryName, locale: 'en' }
const ids = (list: OrganisationSummary[]) => list.map((o) => o.id)

describe('the filters in the address', () => {
  it('reads every filter from the query and ignores values it does not know', () => {
    expect(
      parseFilters({ q: 'scop', kind: 'regional', region: 'europe', country: 'fr', member: 'cecop,cicopa,cecop', sort: 'founded' }),
    ).toEqual({
      q: 'scop',
      kind: 'regional',
      region: 'europe',
      country: 'FR',
      member: ['cecop', 'cicopa'],
      sort: 'founded',
    })
    expect(parseFilters({ kind: 'club', region: 'mars', country: 'France', member: 'Not An Id', sort: 'size' })).toEqual(NO_FILTERS)
  })

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    expect(filtersToQuery(NO_FILTERS)).toEqual({})
    const filters = { ...NO_FILTERS, kind: 'network' as const, member: ['cecop'], sort: 'country' as const }
    expect(filtersToQuery(filters)).toEqual({ kind: 'network', member: 'cecop', sort: 'country' })
    expect(parseFilters(filtersToQuery(filters))).toEqual(filters)
  })

  it('keeps the query keys that belong to others, and carries only its own to the next profile', () => {
    expect(withFilters({ tab: 'notes', kind: 'regional' }, { ...NO_FILTERS, country: 'ES' })).toEqual({ tab: 'notes', country: 'ES' })
    expect(listQuery({ tab: 'notes', member: 'cecop', sort: 'name' })).toEqual({ member: 'cecop', sort: 'name' })
  })

  it('counts the sort order as no filter, and clearing keeps it', () => {
    const sorted = { ...NO_FILTERS, sort: 'founded' as const }
    expect(isFiltered(sorted)).toBe(false)
    expect(isFiltered({ ...sorted, q: '  ' })).toBe(false)
    expect(isFiltered({ ...sorted, member: ['cecop'] })).toBe(true)
    expect(cleared({ ...sorted, kind: 'regional', q: 'x' })).toEqual(sorted)
  })
})

describe('filtering', () => {
  it('narrows by kind, country and membership, all at once', () => {
    const national = applyFilters(SUMMARIES, { ...NO_FILTERS, kind: 'national-federation' }, context)
    expect(ids(national)).toEqual(['cg-scop', 'coceta', 'jwcu'])
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, country: 'ES' }, context))).toEqual(['coceta'])
    // An inferred membership counts.
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, member: ['cecop'] }, context))).toEqual(['cg-scop', 'coceta'])
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, member: ['cecop', 'cicopa'] }, context))).toEqual(['cg-scop', 'coceta'])
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, member: ['cicopa'], country: 'JP' }, context))).toEqual(['jwcu'])
  })

  it('puts a national federation in the region of its country', () => {
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, region: 'europe' }, context))).toEqual(['cecop', 'cg-scop', 'coceta'])
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, region: 'asia-pacific' }, context))).toEqual(['jwcu'])
    expect([...regionsOf({ region: 'north-america', countries: ['CA', 'US'] })].sort()).toEqual(['americas', 'north-america'])
    expect([...regionsOf({ region: null, countries: ['BR'] })].sort()).toEqual(['americas', 'mercosur'])
    expect([...regionsOf({ region: 'world', countries: [] })]).toEqual(['world'])
  })

  it('matches typed text in names, acronyms and country names, ignoring case and accents', () => {
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, q: 'confederation generale' }, context))).toEqual(['cg-scop'])
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, q: 'SPAIN' }, context))).toEqual(['coceta'])
    expect(ids(applyFilters(SUMMARIES, { ...NO_FILTERS, q: 'jwcu' }, context))).toEqual(['jwcu'])
  })
})

describe('sorting', () => {
  it('sorts by short name by default, by full name on request', () => {
    expect(ids(sortOrganisations(SUMMARIES, 'acronym', context))).toEqual(['cecop', 'cg-scop', 'cicopa', 'coceta', 'ica', 'jwcu'])
    expect(ids(sortOrganisations(SUMMARIES, 'name', context))).toEqual(['cecop', 'coceta', 'cg-scop', 'ica', 'cicopa', 'jwcu'])
  })

  it('sorts by founding year, oldest first, leaving the undated last', () => {
    expect(ids(sortOrganisations(SUMMARIES, 'founded', context))).toEqual(['cg-scop', 'ica', 'cicopa', 'cecop', 'coceta', 'jwcu'])
  })

  it('sorts by country name in the UI language, leaving world-wide and regional bodies last', () => {
    expect(ids(sortOrganisations(SUMMARIES, 'country', context))).toEqual(['cg-scop', 'jwcu', 'coceta', 'cecop', 'cicopa', 'ica'])
    // In Spanish: España, Francia, Japón.
    const spanish = { countryName: (c: string) => new Intl.DisplayNames(['es'], { type: 'region' }).of(c) ?? c, locale: 'es' }
    expect(ids(sortOrganisations(SUMMARIES, 'country', spanish)).slice(0, 3)).toEqual(['coceta', 'cg-scop', 'jwcu'])
  })
})

describe('facets', () => {
  it('offers only the values some organisation has, with how many have each', () => {
    const f = facets(SUMMARIES, context)
    expect(f.kinds).toEqual([
      { value: 'international', count: 2 },
      { value: 'regional', count: 1 },
      { value: 'national-federation', count: 3 },
    ])
    expect(f.regions).toEqual([
      { value: 'world', count: 2 },
      { value: 'europe', count: 3 },
      { value: 'asia-pacific', count: 1 },
    ])
    expect(f.countries.map((c) => c.value)).toEqual(['FR', 'JP', 'ES'])
    expect(f.members).toEqual([
      { value: 'cecop', count: 2 },
      { value: 'cicopa', count: 3 },
    ])
  })
})
