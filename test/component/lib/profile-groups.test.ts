/** The profile's groupings: relations under one heading per kind and direction, figures in tables per metric and scope. */
import { describe, expect, it } from 'vitest'
import { groupFigures, groupRelations } from '../../../src/renderer/lib/profile-groups'
import type { Figure } from '../../../src/shared/content/schema'
import type { RelationLink } from '../../../src/shared/domain'

const link = (type: RelationLink['type'], direction: RelationLink['direction'], id: string): RelationLink => ({
  type,
  direction,
  other: { id, name: id, acronym: null },
  since: null,
  until: null,
  status: 'sourced',
  sources: ['s'],
  note: null,
})

describe('groupRelations', () => {
  it('gives one labelled group per kind and direction, in the order first met, each link in its own order', () => {
    const groups = groupRelations([
      link('member-of', 'outgoing', 'cicopa'),
      link('member-of', 'incoming', 'coceta'),
      link('regional-organisation-of', 'outgoing', 'cicopa'),
      link('member-of', 'incoming', 'cg-scop'),
      link('member-of', 'outgoing', 'ica'),
    ])
    expect(groups.map((g) => [g.label, g.links.map((l) => l.other.id)])).toEqual([
      ['Member of', ['cicopa', 'ica']],
      ['Members', ['coceta', 'cg-scop']],
      ['Regional organisation of', ['cicopa']],
    ])
    expect(groupRelations([])).toEqual([])
  })
})

describe('groupFigures', () => {
  const f = (metric: string, value: number, asOf: string | null, scope?: string): Figure => ({
    metric,
    value,
    asOf: asOf ? { value: asOf, precision: 'year' } : null,
    sources: ['s'],
    status: 'sourced',
    ...(scope ? { scope: { en: scope } } : {}),
  })

  it('tables each metric and scope apart, undated first then oldest first, so a change reads down the table', () => {
    const groups = groupFigures([
      f('members', 30, '2020'),
      f('turnover', 5, '2019'),
      f('members', 20, '2010'),
      f('members', 9, null),
      f('members', 99, '2020', 'worldwide'),
    ])
    expect(groups.map((g) => [g.metric, g.scope?.en ?? null, g.figures.map((x) => x.value)])).toEqual([
      ['members', null, [9, 20, 30]],
      ['turnover', null, [5]],
      ['members', 'worldwide', [99]],
    ])
    expect(groups.some((g) => g.disputed)).toBe(false)
  })

  it('marks a table disputed when sources give different values for one date, or both leave it undated', () => {
    expect(groupFigures([f('members', 27, null), f('members', 25, null)])[0]!.disputed).toBe(true)
    expect(groupFigures([f('members', 26, '2017'), f('members', 28, '2017'), f('members', 30, '2020')])[0]!.disputed).toBe(true)
    expect(groupFigures([f('members', 26, '2017'), f('members', 26, '2017')])[0]!.disputed).toBe(false)
  })
})
