import { describe, expect, it } from 'vitest'
import {
  buildComparison,
  currentLeaders,
  parseCompareIds,
  pickerGroups,
  splitMembers,
  withAdded,
  withRemoved,
} from '../../../src/renderer/lib/compare'
import { ContentIndex } from '../../../src/renderer/lib/content-index'
import type { Leader, Relation } from '../../../src/shared/content/schema'
import { PACK } from '../org-pack'

const index = new ContentIndex(PACK)

describe('the compared ids', () => {
  it('follows redirects, drops repeats, sets unknown ids apart and stops at four', () => {
    expect(parseCompareIds({ ids: 'cecop-old, cicopa,cecop,,nope' }, index)).toEqual({ ids: ['cecop', 'cicopa'], unknown: ['nope'] })
    expect(parseCompareIds({ ids: 'ica,cicopa,cecop,coceta,jwcu' }, index).ids).toEqual(['ica', 'cicopa', 'cecop', 'coceta'])
    expect(parseCompareIds({}, index)).toEqual({ ids: [], unknown: [] })
  })

  it('adds an organisation once and never a fifth, and removes one', () => {
    expect(withAdded(['cecop'], 'cicopa')).toEqual(['cecop', 'cicopa'])
    expect(withAdded(['cecop'], 'cecop')).toEqual(['cecop'])
    expect(withAdded(['a', 'b', 'c', 'd'], 'e')).toEqual(['a', 'b', 'c', 'd'])
    expect(withRemoved(['a', 'b', 'c'], 'b')).toEqual(['a', 'c'])
  })
})

describe('current leaders', () => {
  const l = (person: string, role: Leader['role'], from?: string, to?: string): Leader => ({
    person,
    role,
    ...(from ? { from: { value: from, precision: 'year' as const } } : {}),
    ...(to ? { to: { value: to, precision: 'year' as const } } : {}),
    sources: ['s'],
    status: 'sourced',
  })

  it('keeps the latest open term of each office, lets a later president end a chair, and marks undated terms', () => {
    const leaders = [
      l('Old chair', 'chair', '1996'),
      l('Ended', 'president', '1990', '1996'),
      l('Now', 'president', '2019'),
      l('No dates', 'president'),
      l('Deputy', 'vice-president', '2021'),
      l('Older deputy', 'vice-president', '2003'),
      l('Secretary', 'secretary-general', '2018'),
    ]
    expect(currentLeaders(leaders).map((c) => [c.leader.person, c.undated])).toEqual([
      ['Now', false],
      ['No dates', true],
      ['Deputy', false],
      ['Secretary', false],
    ])
  })

  it('keeps co-presidents who started together', () => {
    const both = currentLeaders([l('A', 'co-president', '2006'), l('B', 'co-president', '2006'), l('C', 'co-president', '2001')])
    expect(both.map((c) => c.leader.person)).toEqual(['A', 'B'])
  })
})

describe('the comparison', () => {
  const comparison = buildComparison(index, ['cecop', 'cicopa'])
  const [cecop, cicopa] = comparison.columns

  it('has one column per organisation, in the order asked', () => {
    expect(comparison.columns.map((c) => c.org.id)).toEqual(['cecop', 'cicopa'])
    expect(cecop!.founded).toHaveLength(2)
  })

  it('lists current incoming members once each, the surest first, and leaves ended memberships out', () => {
    expect(cecop!.members.map((m) => [m.id, m.status])).toEqual([
      ['cg-scop', 'sourced'],
      ['coceta', 'inferred'],
    ])
    expect(cicopa!.members.map((m) => [m.id, m.status])).toEqual([
      ['cg-scop', 'sourced'],
      ['coceta', 'sourced'],
      ['jwcu', 'sourced'],
    ])
    const ica = buildComparison(index, ['ica']).columns[0]!
    expect(ica.members).toEqual([])
  })

  it('gives each organisation its outgoing relations by type', () => {
    expect(cecop!.memberships.map((g) => [g.type, g.links.map((x) => x.id)])).toEqual([['regional-organisation-of', ['cicopa']]])
    expect(cicopa!.memberships.map((g) => [g.type, g.links.map((x) => x.id)])).toEqual([['sectoral-organisation-of', ['ica']]])
  })

  it('aligns figures by metric across the columns, with an empty cell where one has none, in the pack’s metric order', () => {
    expect(comparison.figureRows.map((r) => [r.metric, r.unit, r.cells.map((c) => c?.figures.length ?? null)])).toEqual([
      ['members', 'count', [3, 1]],
      ['turnover', 'eur', [null, 1]],
    ])
    expect(comparison.figureRows[0]!.cells[0]!.disputed).toBe(true)
  })

  it('numbers every cited source once, in reading order, row by row from left to right', () => {
    // General sources (cecop: a; cicopa: c), then founded (a, b | c), …
    expect(comparison.order).toEqual(['src-a', 'src-c', 'src-b'])
    expect(Object.keys(comparison.sources).sort()).toEqual(['src-a', 'src-b', 'src-c'])
  })

  it('keeps the surest of a membership recorded twice, and numbers the members’ sources as the table shows them', () => {
    const addedSources = ['src-s', 'src-u', 'src-i', 'src-i2']
    const added: Relation[] = [
      { type: 'member-of', from: 'jwcu', to: 'ica', sources: ['src-u'], status: 'unverified' },
      { type: 'member-of', from: 'coceta', to: 'ica', sources: ['src-i'], status: 'inferred' },
      { type: 'member-of', from: 'cecop', to: 'ica', sources: ['src-s'], status: 'sourced' },
      { type: 'member-of', from: 'cicopa', to: 'ica', sources: ['src-u'], status: 'unverified' },
      { type: 'member-of', from: 'cicopa', to: 'ica', sources: ['src-i2'], status: 'inferred' },
    ]
    const pack = {
      ...PACK,
      sources: [...PACK.sources, ...addedSources.map((id) => ({ ...PACK.sources[0]!, id }))],
      relations: [...PACK.relations, ...added],
    }
    const ica = buildComparison(new ContentIndex(pack), ['ica'])
    // Surest first (shared/content/claims.ts): an inferred membership over an unverified one.
    expect(ica.columns[0]!.members.map((m) => [m.id, m.status])).toEqual([
      ['cecop', 'sourced'],
      ['cicopa', 'inferred'],
      ['coceta', 'inferred'],
      ['jwcu', 'unverified'],
    ])
    // The table lists the members the sources state (sourced, unverified), then the inferred ones apart.
    expect(splitMembers(ica.columns[0]!.members).stated.map((m) => m.id)).toEqual(['cecop', 'jwcu'])
    expect(ica.order.filter((id) => addedSources.includes(id))).toEqual(['src-s', 'src-u', 'src-i2', 'src-i'])
  })

  it('gives the leaders now', () => {
    expect(cicopa!.leaders.map((c) => c.leader.person)).toEqual(['Iñigo Albizuri', 'Rainer Schlüter', 'Diana Dovgan'])
  })
})

describe('the picker', () => {
  it('offers the organisations not yet compared, by kind in the usual order', () => {
    const groups = pickerGroups(index, ['cecop', 'cicopa'])
    expect(groups.map((g) => [g.kind, g.options.map((o) => o.id)])).toEqual([
      ['international', ['ica']],
      ['national-federation', ['cg-scop', 'coceta', 'jwcu']],
    ])
    expect(groups[0]!.options[0]!.label).toBe('ICA — International Cooperative Alliance')
  })
})
