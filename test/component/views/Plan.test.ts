import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseRoute } from '../../../src/renderer/lib/routes'
import { router } from '../../../src/renderer/lib/router.svelte'
import PlanView from '../../../src/renderer/views/PlanView.svelte'
import type { ContentPack, HistoryEvent, Organisation } from '../../../src/shared/content/schema'
import { installFakeAtlas } from '../fake-atlas'

const org = (id: string, english: string, acronym?: string): Organisation => ({
  id,
  names: { english, ...(acronym ? { acronym } : {}) },
  kind: 'network',
  countries: [],
  founded: [],
  headquarters: [],
  description: { en: english },
  figures: [],
  leaders: [],
  sources: [],
})
const event = (id: string, title: string, value: string, organisations: string[], sources: string[]): HistoryEvent => ({
  id,
  date: [{ value: { value, precision: 'day' }, sources, status: 'sourced' }],
  title: { en: title },
  category: 'congress',
  organisations,
})
const source = (id: string, title: string) => ({ id, title, via: 'research-1' as const, read: '2026-11-23' })

const PACK: ContentPack = {
  schemaVersion: 1,
  packVersion: '0.0.1',
  date: '2026-11-23',
  redirects: {},
  metrics: [],
  sources: [
    source('src-status', 'Status check'),
    source('src-congress', 'Congress report 2021'),
    source('src-about', 'About CECOP'),
    source('src-ga', 'General Assembly 2024'),
    source('src-commitments', 'CECOP mission'),
  ],
  organisations: [
    org('cecop', 'European Confederation of Industrial and Service Cooperatives', 'CECOP'),
    org('caap', 'Center for Alternative and Autonomous Production', 'CAAP'),
    org('see', 'Social Economy Europe', 'SEE'),
    org('legacoop', 'Legacoop'),
    org('unlinked', 'An organisation the plan never mentions', 'UNL'),
  ],
  relations: [],
  events: [
    event('plan-adopted', 'CECOP adopts its strategic plan', '2021-06-08', ['cecop'], ['src-congress']),
    event('caap-joins', 'CAAP joins CECOP', '2021-06-08', ['caap', 'cecop'], ['src-congress']),
    event('ga-rome', 'General Assembly in Rome', '2024-06-25', ['cecop', 'legacoop'], ['src-ga']),
    event('other', 'An event outside the plan', '2022-01-01', ['unlinked'], ['src-ga']),
  ],
  cooperativeKinds: [],
  strategicPlan: {
    id: 'plan',
    title: { en: 'CECOP Strategic Plan 2021–2025' },
    organisation: 'cecop',
    period: { from: 2021, to: 2025 },
    adopted: [
      {
        value: { value: '2021-06-08', precision: 'day' },
        sources: ['src-congress'],
        status: 'sourced',
        note: { en: 'At the online congress.' },
      },
    ],
    adoptedBy: { value: { en: 'CECOP’s member organisations' }, sources: ['src-about'], status: 'sourced' },
    pillars: [
      {
        number: 1,
        id: 'pillar-policy',
        title: { en: 'Make EU policy work for cooperatives' },
        detail: { en: 'No objectives under this pillar were found.' },
        sources: ['src-about'],
        organisations: ['cecop', 'see'],
        events: ['plan-adopted'],
      },
      {
        number: 2,
        id: 'pillar-visibility',
        title: { en: 'Make cooperatives better known' },
        sources: ['src-about'],
        organisations: [],
        events: [],
      },
      {
        number: 3,
        id: 'pillar-network',
        title: { en: 'Build a strong network' },
        sources: ['src-about'],
        organisations: ['cecop', 'caap'],
        events: ['caap-joins', 'ga-rome'],
      },
    ],
    challenges: [
      { id: 'c-capital', title: { en: 'Access to capital' }, sources: ['src-about'] },
      { id: 'c-youth', title: { en: 'Engaging young people' }, sources: ['src-about'] },
    ],
    commitments: ['Represent', 'Support', 'Develop', 'Promote', 'Research'].map((title) => ({
      id: `k-${title.toLowerCase()}`,
      title: { en: title },
      sources: ['src-commitments'],
    })),
    status: { text: { en: 'The period ended in 2025; no successor plan is named.' }, checkedOn: '2026-11-23', sources: ['src-status'] },
  },
}

async function goTo(hash: string) {
  window.location.hash = hash
  await waitFor(() => expect(router.route).toEqual(parseRoute(hash)))
}

async function renderPlan(hash = '#/plan') {
  const send = installFakeAtlas({
    'content.pack': () => PACK,
    'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
    'notes.tags': () => [],
    'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
  })
  await goTo(hash)
  render(PlanView, {
    props: {
      get route() {
        return router.route
      },
    },
  })
  await screen.findByRole('heading', { level: 1, name: 'CECOP Strategic Plan 2021–2025' })
  return { send }
}

/** The source list entry a mark leads to. */
const entryOf = (mark: HTMLElement) => {
  const number = Number(mark.textContent!.trim())
  return within(screen.getByRole('region', { name: 'Sources' })).getAllByRole('listitem')[number - 1]!
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-23T12:00:00Z'))
  await goTo('#/')
})
afterEach(() => {
  vi.useRealTimers()
})

describe('PlanView', () => {
  it('says plainly that the period is over, with what the sources said and when they were checked', async () => {
    await renderPlan()
    const status = screen.getByRole('region', { name: 'Status today' })
    expect(within(status).getByText('The plan’s period, 2021–2025, is over.')).toBeTruthy()
    expect(status.textContent).toContain('What the sources said when last checked, on November 23, 2026:')
    expect(status.textContent).toContain('The period ended in 2025; no successor plan is named.')
    const mark = within(status).getByRole('button', { name: 'Source 1: Status check' })
    expect(entryOf(mark).id).toBe('source-src-status')
  })

  it('says the plan is running while its period lasts', async () => {
    vi.setSystemTime(new Date('2023-03-01T12:00:00Z'))
    await renderPlan()
    expect(screen.getByText('The plan runs from 2021 to 2025.')).toBeTruthy()
  })

  it('gives its organisation, period, adoption and adopters, each with sources', async () => {
    await renderPlan()
    const organisation = screen.getByText('Organisation', { selector: 'dt' }).nextElementSibling as HTMLElement
    expect(within(organisation).getByRole('link', { name: 'CECOP' }).getAttribute('href')).toBe('#/org/cecop')
    expect(screen.getByText('2021–2025')).toBeTruthy()
    const adopted = within(screen.getByText('Adopted', { selector: 'dt' }).nextElementSibling as HTMLElement)
      .getByText('June 8, 2021')
      .closest('li')!
    expect(adopted.textContent).toContain('At the online congress.')
    expect(entryOf(within(adopted).getByRole('button', { name: /Congress report 2021/ })).id).toBe('source-src-congress')
    const by = screen.getByText('CECOP’s member organisations').closest('li')!
    expect(within(by).getByRole('button', { name: /About CECOP/ })).toBeTruthy()
  })

  it('lists the three pillars, the challenges and the five commitments with their sources', async () => {
    await renderPlan()
    const pillars = screen.getByRole('region', { name: 'Pillars' })
    expect(
      within(pillars)
        .getAllByRole('link')
        .map((a) => [a.getAttribute('aria-label'), a.getAttribute('href')]),
    ).toEqual([
      ['Pillar 1: Make EU policy work for cooperatives', '#/plan/pillar-policy'],
      ['Pillar 2: Make cooperatives better known', '#/plan/pillar-visibility'],
      ['Pillar 3: Build a strong network', '#/plan/pillar-network'],
    ])
    expect(within(pillars).getByText('2 organisations · 2 events')).toBeTruthy()
    const challenges = screen.getByRole('region', { name: 'Challenges' })
    expect(
      within(challenges)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Access to capital'), expect.stringContaining('Engaging young people')])
    const commitments = screen.getByRole('region', { name: 'Commitments' })
    expect(within(commitments).getByText('5 commitments, as CECOP states them.')).toBeTruthy()
    const items = within(commitments).getAllByRole('listitem')
    expect(items).toHaveLength(5)
    expect(entryOf(within(items[4]!).getByRole('button', { name: /CECOP mission/ })).id).toBe('source-src-commitments')
  })

  it('opens a pillar at its address, with its organisations, its events (linking to the timeline) and notes on it', async () => {
    const { send } = await renderPlan()
    await userEvent.click(screen.getByRole('link', { name: 'Pillar 3: Build a strong network' }))
    await waitFor(() => expect(router.route.id).toBe('pillar-network'))
    const detail = await screen.findByRole('region', { name: /^Pillar 3/ })
    const [orgs, events] = within(detail).getAllByRole('list')
    expect(
      within(orgs!)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['#/org/cecop', '#/org/caap'])
    expect(
      within(events!)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['CAAP joins CECOP', '#/timeline/caap-joins'],
      ['General Assembly in Rome', '#/timeline/ga-rome'],
    ])
    expect(screen.getByRole('link', { name: 'Pillar 3: Build a strong network' }).getAttribute('aria-current')).toBe('true')
    await waitFor(() => expect(send).toHaveBeenCalledWith('notes.listFor', { target: { kind: 'pillar', id: 'pillar-network' }, limit: 50 }))
    expect(screen.queryByText(/Open a pillar to see/)).toBeNull()
  })

  it('says honestly when a pillar has nothing linked, and when the address names no pillar', async () => {
    await renderPlan('#/plan/pillar-visibility')
    const detail = await screen.findByRole('region', { name: /^Pillar 2/ })
    expect(within(detail).getAllByText('None recorded in the pack.')).toHaveLength(2)
    await goTo('#/plan/no-such-pillar')
    expect((await screen.findByRole('status')).textContent).toContain('The plan has no pillar “no-such-pillar”.')
  })

  it('shows a pillar × organisation matrix of only the links the pack records', async () => {
    await renderPlan()
    const matrix = screen.getByRole('table')
    const rows = within(matrix)
      .getAllByRole('row')
      .filter((tr) => tr.dataset['orgId'])
    expect(rows.map((tr) => tr.dataset['orgId'])).toEqual(['cecop', 'caap', 'see', 'legacoop'])
    const cells = (id: string) => within(rows.find((tr) => tr.dataset['orgId'] === id)!).getAllByRole('cell')

    // CECOP: named under pillars 1 and 3, with events there; nothing recorded for pillar 2.
    const cecop = cells('cecop')
    expect(cecop[0]!.textContent).toContain('named')
    expect(cecop[0]!.textContent).toContain('1 event')
    expect(within(cecop[0]!).getByRole('button', { name: /About CECOP/ })).toBeTruthy()
    expect(cecop[1]!.textContent).toContain('no link recorded')
    expect(cecop[2]!.textContent).toContain('2 events')

    // CAAP: named under pillar 3 only; its event there is listed, linking to the timeline.
    const caap = cells('caap')
    expect(caap[0]!.textContent).toContain('no link recorded')
    expect(within(caap[2]!).getByRole('link', { name: 'CAAP joins CECOP' }).getAttribute('href')).toBe('#/timeline/caap-joins')

    // Legacoop is never named: it is linked only through an event, and grouped apart.
    const legacoop = cells('legacoop')
    expect(legacoop[2]!.textContent).not.toContain('named')
    expect(legacoop[2]!.textContent).toContain('1 event')
    const groups = within(matrix)
      .getAllByRole('rowheader')
      .filter((th) => th.getAttribute('scope') === 'rowgroup')
    expect(groups.map((th) => th.textContent)).toEqual(['Named under a pillar', 'Linked only through events'])

    expect(within(matrix).queryByText('UNL')).toBeNull()
  })
})
