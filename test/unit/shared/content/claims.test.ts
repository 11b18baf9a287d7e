import { describe, expect, it } from 'vitest'
import { distinctClaims, isSurer, statusRank, surestFirst } from '../../../../src/shared/content/claims'
import type { FactStatus } from '../../../../src/shared/content/schema'

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
