import { describe, expect, it } from 'vitest'
import { pillarEvents, pillarMatrix, planPhase, planSourceOrder } from '../../../src/renderer/lib/plan'
import type { HistoryEvent, StrategicPlan } from '../../../src/shared/content/schema'

const event = (id: string, organisations: string[], sources: string[]): HistoryEvent => ({
  id,
  date: [{ value: { value: '2021', precision: 'year' }, sources, status: 'sourced' }],
  title: { en: id },
  category: 'congress',
  organisations,
})

const EVENTS = new Map(
  [
    event('congress-2021', ['cecop', 'caap'], ['src-congress']),
    event('ga-2024', ['cecop', 'legacoop'], ['src-ga']),
    event('report-2022', ['cecop'], ['src-report']),
  ].map((e) => [e.id, e]),
)

const pillar = (number: number, organisations: string[], events: string[]) => ({
  number,
  id: `pillar-${number}`,
  title: { en: `Pillar ${number}` },
  sources: ['src-about'],
  organisations,
  events,
})

const PLAN: StrategicPlan = {
  id: 'plan',
  title: { en: 'Plan' },
  organisation: 'cecop',
  period: { from: 2021, to: 2025 },
  adopted: [{ value: { value: '2021-06-08', precision: 'day' }, sources: ['src-congress'], status: 'sourced' }],
  adoptedBy: { value: { en: 'members' }, sources: ['src-about'], status: 'sourced' },
  pillars: [
    pillar(1, ['cecop', 'see'], ['congress-2021', 'missing-event']),
    pillar(2, ['cicopa'], ['report-2022']),
    pillar(3, ['caap'], ['ga-2024']),
  ],
  challenges: [{ id: 'c1', title: { en: 'Capital' }, sources: ['src-about'] }],
  commitments: [{ id: 'k1', title: { en: 'Represent' }, sources: ['src-commitments'] }],
  status: { text: { en: 'Ended.' }, checkedOn: '2026-11-23', sources: ['src-status'] },
}

const NAMES: Record<string, string> = { cecop: 'CECOP', see: 'SEE', cicopa: 'CICOPA', caap: 'CAAP', legacoop: 'Legacoop' }

describe('the plan in time', () => {
  it('is upcoming, running or ended by the year of the day given', () => {
    expect(planPhase(PLAN.period, '2020-12-31')).toBe('upcoming')
    expect(planPhase(PLAN.period, '2021-01-01')).toBe('running')
    expect(planPhase(PLAN.period, '2025-12-31')).toBe('running')
    expect(planPhase(PLAN.period, '2026-01-01')).toBe('ended')
  })
})

describe('pillar events', () => {
  it('are the ones the pack has, in the pillar’s order', () => {
    expect(pillarEvents(PLAN.pillars[0]!, EVENTS).map((e) => e.id)).toEqual(['congress-2021'])
  })
})

describe('the page’s sources', () => {
  it('are numbered once each, in the order the page shows them', () => {
    expect(planSourceOrder(PLAN, EVENTS)).toEqual(['src-status', 'src-congress', 'src-about', 'src-report', 'src-ga', 'src-commitments'])
  })
})

describe('the pillar × organisation matrix', () => {
  const rows = pillarMatrix(PLAN, EVENTS, (id) => NAMES[id] ?? id)
  const row = (org: string) => rows.find((r) => r.org === org)!

  it('has a row for every organisation the pack links to a pillar, and no other', () => {
    expect(rows.map((r) => r.org)).toEqual(['cecop', 'caap', 'cicopa', 'see', 'legacoop'])
  })

  it('says, cell by cell, whether the pack names the organisation and which of the pillar’s events involve it', () => {
    expect(row('cecop').cells.map((c) => [c.named, c.events.map((e) => e.id)])).toEqual([
      [true, ['congress-2021']],
      [false, ['report-2022']],
      [false, ['ga-2024']],
    ])
    // CAAP is named under pillar 3 and takes part in pillar 1's congress: two different kinds of link.
    expect(row('caap').cells.map((c) => [c.named, c.events.length])).toEqual([
      [false, 1],
      [false, 0],
      [true, 0],
    ])
    expect(row('caap').named).toBe(true)
  })

  it('puts organisations linked only through events after the named ones', () => {
    expect(row('legacoop').named).toBe(false)
    expect(row('legacoop').cells.map((c) => c.named || c.events.length > 0)).toEqual([false, false, true])
    expect(rows.at(-1)!.org).toBe('legacoop')
  })
})
