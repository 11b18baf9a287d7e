import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { disagreeingFigures, distinctClaims, isSurer, statusRank, surestFirst } from '../../../../src/shared/content/claims'
import { ContentPack, type FactStatus, type Figure } from '../../../../src/shared/content/schema'
import { readPackFolder } from '../../../../src/main/content/load-pack'

describe('how sure a claim is', () => {
  it('ranks sourced, then inferred (from a named page), then unverified (no page), as the pack’s README defines them', () => {
    expect((['unverified', 'sourced', 'inferred'] as FactStatus[]).map(statusRank)).toEqual([2, 0, 1])
    const claims = (['unverified', 'inferred', 'sourced', 'inferred'] as FactStatus[]).map((status, i) => ({ status, i }))
    expect(claims.toSorted(surestFirst).map((c) => `${c.status}${c.i}`)).toEqual(['sourced2', 'inferred1', 'inferred3', 'unverified0'])
  })

  it('says whether one status is strictly surer than another', () => {
    expect(isSurer('sourced', 'inferred')).toBe(true)
    expect(isSurer('inferred', 'unverified')).toBe(true)
    expect(isSurer('unverified', 'inferred')).toBe(false)
    expect(isSurer('inferred', 'inferred')).toBe(false)
  })
})

describe('distinctClaims', () => {
  const claim = (value: string, sources: string[], status: FactStatus) => ({
    value: { value, precision: 'year' as const },
    sources,
    status,
  })

  it('merges date claims that agree, keeping every source and the surest status', () => {
    const merged = distinctClaims([claim('1979', ['a'], 'inferred'), claim('1979', ['b', 'a'], 'sourced'), claim('1980', ['c'], 'sourced')])
    expect(merged).toEqual([claim('1979', ['a', 'b'], 'sourced'), claim('1980', ['c'], 'sourced')])
  })

  it('prefers an inferred claim to an unverified one, and keeps the first where both are as sure', () => {
    expect(distinctClaims([claim('2000', ['a'], 'unverified'), claim('2000', ['b'], 'inferred')])).toEqual([
      claim('2000', ['a', 'b'], 'inferred'),
    ])
    const first = { ...claim('2000', ['a'], 'inferred'), note: { en: 'first' } }
    expect(distinctClaims([first, { ...claim('2000', ['b'], 'inferred'), note: { en: 'second' } }])).toEqual([
      { ...first, sources: ['a', 'b'] },
    ])
  })

  it('keeps a year and a circa year of the same value apart, and leaves the claims given untouched', () => {
    const given = [
      claim('1995', ['a'], 'sourced'),
      { ...claim('1995', ['b'], 'sourced'), value: { value: '1995', precision: 'circa' as const } },
    ]
    expect(distinctClaims(given)).toHaveLength(2)
    distinctClaims([given[0]!, claim('1995', ['c'], 'sourced')])
    expect(given[0]!.sources).toEqual(['a'])
  })
})

describe('figures that disagree', () => {
  const f = (value: number, asOf: string | null, extra: Partial<Figure> = {}): Figure => ({
    metric: 'members',
    value,
    asOf: asOf ? { value: asOf, precision: 'year' } : null,
    sources: ['s'],
    status: 'sourced',
    ...extra,
  })

  it('marks the figures whose date holds another value, and only those', () => {
    const a = f(27, null)
    const b = f(25, null)
    const c = f(26, '2017')
    const d = f(26, '2017')
    const e = f(30, '2017', { scope: { en: 'worldwide' } })
    expect(disagreeingFigures([a, b, c, d, e])).toEqual(new Set([a, b]))
    expect(disagreeingFigures([c, d]).size).toBe(0)
  })

  it('compares figures of one moment as one date’s although their sources date them apart', () => {
    const report = f(55, '1995', { moment: 'mid-1990s' })
    const review = f(52, '1997', { moment: 'mid-1990s' })
    const later = f(45, '1998')
    expect(disagreeingFigures([report, review, later])).toEqual(new Set([report, review]))
    // Without the moment the same two read as a change over time.
    expect(disagreeingFigures([f(55, '1995'), f(52, '1997')]).size).toBe(0)
    // One moment, one value: they agree.
    expect(disagreeingFigures([f(72, '1995', { moment: 'm' }), f(72, '1997', { moment: 'm' })]).size).toBe(0)
  })

  it('shows CICOPA’s 1995 country counts in the shipped pack as a disagreement (55 and 52 for the same 72 members)', async () => {
    const pack = v.parse(ContentPack, await readPackFolder('resources/content'))
    const cicopa = pack.organisations.find((o) => o.id === 'cicopa')!
    const disputed = [...disagreeingFigures(cicopa.figures)].map((x) => `${x.metric} ${x.value} ${x.asOf?.value ?? 'undated'}`)
    expect(disputed).toEqual(expect.arrayContaining(['member-countries 55 1995', 'member-countries 52 1997']))
    expect(disputed).not.toContain('members 72 1995')
  })
})
