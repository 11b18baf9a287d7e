import { describe, expect, it } from 'vitest'
import { readYear, snapshot, yearExtent } from '../../../../src/renderer/lib/network/years'
import { organisations, rel, relations } from './world'

describe('the network in a year', () => {
  it('hides what was not founded or begun yet, keeps what is undated, and drops what had ended', () => {
    const extra = [...relations, rel('member-of', 'sewa', 'cecop', { since: '1980', until: '1985' })]
    const in1985 = snapshot(organisations, extra, 1985)
    expect(in1985.organisations.has('cecop')).toBe(true) // 1979
    expect(in1985.organisations.has('coceta')).toBe(false) // 1986
    expect(in1985.organisations.has('legacoop')).toBe(true) // undated: every year
    expect(in1985.relations.has(1)).toBe(false) // CECOP joined CICOPA in 1997
    expect(in1985.relations.has(0)).toBe(true) // CICOPA in ICA since 1947
    expect(in1985.relations.has(10)).toBe(false) // COCETA not founded yet
    expect(in1985.relations.has(12)).toBe(false) // CG Scop joined CECOP in 1990
    expect(in1985.relations.has(7)).toBe(false) // Cooperatives Europe not founded yet
    expect(in1985.relations.has(19)).toBe(true) // SEWA in CECOP 1980–1985: still in its last year
  })

  it('keeps a relation from its first year to its last, and a link only while both ends exist', () => {
    const extra = [...relations, rel('member-of', 'sewa', 'cecop', { since: '1980', until: '1985' })]
    const last = extra.length - 1
    expect(snapshot(organisations, extra, 1979).relations.has(last)).toBe(false)
    expect(snapshot(organisations, extra, 1980).relations.has(last)).toBe(true)
    expect(snapshot(organisations, extra, 1985).relations.has(last)).toBe(true)
    expect(snapshot(organisations, extra, 1986).relations.has(last)).toBe(false)
    expect(snapshot(organisations, relations, 1989).relations.has(12)).toBe(false)
    expect(snapshot(organisations, relations, 1990).relations.has(12)).toBe(true)
    // Sources disagree on 2005 or 2006: the organisation shows from the earlier.
    expect(snapshot(organisations, relations, 2005).organisations.has('coop-europe')).toBe(true)
  })

  it('shows everything when no year is chosen', () => {
    const all = snapshot(organisations, relations, null)
    expect(all.organisations.size).toBe(organisations.length)
    expect(all.relations.size).toBe(relations.length - 1) // not the one to an unknown organisation
  })

  it('offers the years from the first dated fact to the pack’s year, and reads the year from the address', () => {
    const extent = yearExtent(organisations, relations, 2026)
    expect(extent).toEqual({ min: 1884, max: 2026 })
    expect(readYear({ year: '1995' }, extent)).toBe(1995)
    expect(readYear({ year: '1500' }, extent)).toBe(1884)
    expect(readYear({ year: '3000' }, extent)).toBe(2026)
    expect(readYear({ year: 'soon' }, extent)).toBeNull()
    expect(readYear({}, extent)).toBeNull()
  })
})
