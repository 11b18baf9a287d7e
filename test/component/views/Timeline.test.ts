import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { parseRoute } from '../../../src/renderer/lib/routes'
import { router } from '../../../src/renderer/lib/router.svelte'
import TimelineView from '../../../src/renderer/views/TimelineView.svelte'
import type { ContentPack, DateClaim, HistoryEvent, Organisation, PartialDate } from '../../../src/shared/content/schema'
import { installFakeAtlas } from '../fake-atlas'

const org = (id: string, english: string, acronym?: string): Organisation => ({
  id,
  names: { english, ...(acronym ? { acronym } : {}) },
  kind: 'international',
  countries: [],
  founded: [],
  headquarters: [],
  description: { en: english },
  figures: [],
  leaders: [],
  sources: [],
})
const claim = (value: string, precision: PartialDate['precision'], sources: string[], extra: Partial<DateClaim> = {}): DateClaim => ({
  value: { value, precision },
  sources,
  status: 'sourced',
  ...extra,
})
const event = (
  id: string,
  title: string,
  date: DateClaim[],
  category: HistoryEvent['category'],
  organisations: string[],
): HistoryEvent => ({
  id,
  date,
  title: { en: title },
  category,
  organisations,
})

const PACK: ContentPack = {
  schemaVersion: 1,
  packVersion: '0.0.1',
  date: '2026-11-23',
  redirects: {},
  metrics: [],
  sources: [
    { id: 'src-a', title: 'Source A', url: 'https://example.org/a', via: 'research-1', read: '2026-11-23' },
    { id: 'src-b', title: 'Source B', via: 'seed-cecop', read: '2026-11-23' },
    { id: 'src-c', title: 'Source C', via: 'research-2', read: '2026-11-23' },
  ],
  organisations: [
    org('cecop', 'European Confederation of Industrial and Service Cooperatives', 'CECOP'),
    org('cicopa', 'International Organisation of Industrial and Service Cooperatives', 'CICOPA'),
    org('ica', 'International Co-operative Alliance', 'ICA'),
  ],
  relations: [],
  events: [
    event('plan-adopted', 'CECOP adopts its strategic plan', [claim('2021-06-08', 'day', ['src-c'])], 'congress', ['cecop']),
    event(
      'cecop-confederation',
      'CECOP becomes a confederation',
      [
        claim('1992', 'year', ['src-a']),
        claim('1995', 'circa', ['src-b'], { status: 'inferred', note: { en: 'Worked out from “nine years ago”.' } }),
      ],
      'founding',
      ['cecop'],
    ),
    event('statement', 'ICA adopts the Statement on the Cooperative Identity', [claim('1995-09', 'month', ['src-b'])], 'declaration', [
      'ica',
    ]),
    event('social-coops', 'Social cooperatives emerge', [claim('1970', 'decade', ['src-b'])], 'founding', []),
    event('cicopa-founded', 'CICOPA founded', [claim('1947', 'year', ['src-a']), claim('1947', 'year', ['src-c'])], 'founding', [
      'cicopa',
      'ica',
    ]),
    event('scop-law', 'French law on worker cooperatives', [claim('1978-07-19', 'day', ['src-c'])], 'law', []),
  ],
  cooperativeKinds: [],
  strategicPlan: {
    id: 'plan',
    title: { en: 'CECOP Strategic Plan 2021–2025' },
    organisation: 'cecop',
    period: { from: 2021, to: 2025 },
    adopted: [],
    adoptedBy: { value: { en: 'members' }, sources: ['src-a'], status: 'sourced' },
    pillars: [
      {
        number: 1,
        id: 'pillar-network',
        title: { en: 'Build a strong network' },
        sources: ['src-a'],
        organisations: ['cecop'],
        events: ['plan-adopted'],
      },
    ],
    challenges: [],
    commitments: [],
    status: { text: { en: 'Ended.' }, checkedOn: '2026-11-23', sources: ['src-a'] },
  },
}

/** Titles in the order the list shows them. */
const CHRONOLOGICAL = [
  'CICOPA founded',
  'Social cooperatives emerge',
  'French law on worker cooperatives',
  'CECOP becomes a confederation',
  'ICA adopts the Statement on the Cooperative Identity',
  'CECOP adopts its strategic plan',
]

function setup() {
  return installFakeAtlas({
    'content.pack': () => PACK,
    'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
    'notes.tags': () => [],
    'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
  })
}

/** Goes to an address the way the app does, and waits for the router to follow. */
async function goTo(hash: string) {
  window.location.hash = hash
  await waitFor(() => expect(router.route).toEqual(parseRoute(hash)))
}

async function renderTimeline(hash = '#/timeline') {
  const send = setup()
  await goTo(hash)
  const view = render(TimelineView, {
    props: {
      get route() {
        return router.route
      },
    },
  })
  await screen.findByRole('heading', { level: 1, name: 'Timeline' })
  return { ...view, send }
}

const titleLinks = () => screen.queryAllByRole('link').filter((a) => a.classList.contains('event-title'))
const titles = () => titleLinks().map((a) => a.textContent)
async function detailsOf(id: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.getElementById(`event-details-${id}`)).not.toBeNull())
  return document.getElementById(`event-details-${id}`)!
}
const row = (title: string) => screen.getByRole('link', { name: title }).closest('li')!

beforeEach(async () => {
  await goTo('#/')
})

describe('TimelineView', () => {
  it('lists every event in date order, by decade, each date at its own precision', async () => {
    await renderTimeline()
    expect(titles()).toEqual(CHRONOLOGICAL)
    const decades = screen.getAllByRole('heading', { level: 2 }).filter((h) => h.id.startsWith('decade-'))
    expect(decades.map((h) => h.textContent!.replace(/\d+ events?$/, ''))).toEqual(['1940s', '1970s', '1990s', '2020s'])
    expect(decades.map((h) => h.textContent!.replace(/^\d+s/, ''))).toEqual(['1 event', '2 events', '2 events', '1 event'])
    expect(within(row('Social cooperatives emerge')).getByText('1970s')).toBeTruthy()
    expect(within(row('ICA adopts the Statement on the Cooperative Identity')).getByText('September 1995')).toBeTruthy()
    expect(within(row('CECOP adopts its strategic plan')).getByText('June 8, 2021')).toBeTruthy()
    expect(within(row('CECOP becomes a confederation')).getByText('or c. 1995')).toBeTruthy()
    expect(screen.getByText('Showing 6 of 6 events, 1940–2029')).toBeTruthy()
  })

  it('speaks the user’s language, marking untranslated pack text as English', async () => {
    i18n.locale = 'fr'
    try {
      await goTo('#/timeline')
      setup()
      render(TimelineView, { props: { route: router.route } })
      await screen.findByRole('heading', { level: 1, name: 'Chronologie' })
      expect(within(row('CECOP becomes a confederation')).getByText('ou v. 1995')).toBeTruthy()
      expect(within(row('CECOP becomes a confederation')).getByText('sources divergentes')).toBeTruthy()
      expect(within(row('Social cooperatives emerge')).getByText('années 1970')).toBeTruthy()
      expect(within(row('CECOP adopts its strategic plan')).getByText('8 juin 2021')).toBeTruthy()
      expect(screen.getByRole('button', { name: /^Fondation/ })).toBeTruthy()
      expect(screen.getByRole('link', { name: 'CECOP adopts its strategic plan' }).getAttribute('lang')).toBe('en')
    } finally {
      i18n.locale = 'en'
    }
  })

  it('marks a date the sources disagree on, and lists every date with its own sources', async () => {
    await renderTimeline()
    const disputed = row('CECOP becomes a confederation')
    expect(within(disputed).getByText('sources disagree')).toBeTruthy()
    // Two sources giving the same year agree: no mark.
    expect(within(row('CICOPA founded')).queryByText('sources disagree')).toBeNull()
    expect(within(row('ICA adopts the Statement on the Cooperative Identity')).queryByText('sources disagree')).toBeNull()

    await userEvent.click(screen.getByRole('link', { name: 'CECOP becomes a confederation' }))
    const details = await detailsOf('cecop-confederation')
    expect(details).toBeTruthy()
    const claims = within(details)
      .getAllByRole('listitem')
      .filter((li) => li.closest('.claims'))
    expect(claims).toHaveLength(2)
    expect(claims[0]!.textContent).toContain('1992')
    expect(within(claims[0]!).getByRole('button', { name: /Source A$/ })).toBeTruthy()
    expect(claims[1]!.textContent).toContain('c. 1995')
    expect(within(claims[1]!).getByRole('button', { name: /Source B$/ })).toBeTruthy()
    expect(within(claims[1]!).getByText('inferred')).toBeTruthy()
    expect(claims[1]!.textContent).toContain('Worked out from “nine years ago”.')
    // Each source's entry leads back to the event by the date that source gives.
    const backTo = (sourceId: string) =>
      within(document.getElementById(`source-${sourceId}`)!)
        .getAllByRole('link')
        .filter((a) => a.getAttribute('href') === '#/timeline/cecop-confederation')
        .map((a) => a.textContent)
    expect(backTo('src-a')).toEqual(['1992'])
    expect(backTo('src-b')).toEqual(['c. 1995'])
  })

  it('says so when several sources agree on a date, rather than marking it disputed', async () => {
    await renderTimeline('#/timeline/cicopa-founded')
    const details = await detailsOf('cicopa-founded')
    expect(within(details).getByText('The sources agree on this date.')).toBeTruthy()
    expect(within(details).queryByText('sources disagree')).toBeNull()
  })

  it('narrows the list by category and keeps the categories in the address', async () => {
    await renderTimeline()
    const founding = screen.getByRole('button', { name: /^Founding/ })
    await userEvent.click(founding)
    expect(founding.getAttribute('aria-pressed')).toBe('true')
    expect(window.location.hash).toBe('#/timeline?category=founding')
    expect(titles()).toEqual(['CICOPA founded', 'Social cooperatives emerge', 'CECOP becomes a confederation'])

    await userEvent.click(screen.getByRole('button', { name: /^Law/ }))
    expect(window.location.hash).toBe('#/timeline?category=founding%2Claw')
    expect(titles()).toHaveLength(4)

    await userEvent.click(screen.getByRole('button', { name: 'Show everything' }))
    expect(window.location.hash).toBe('#/timeline')
    expect(titles()).toEqual(CHRONOLOGICAL)
  })

  it('narrows the list by organisation, keeps it in the address, and links to its profile', async () => {
    await renderTimeline()
    await userEvent.selectOptions(screen.getByLabelText('Organisation'), 'cecop')
    expect(window.location.hash).toBe('#/timeline?org=cecop')
    expect(titles()).toEqual(['CECOP becomes a confederation', 'CECOP adopts its strategic plan'])
    expect(screen.getByRole('link', { name: 'Profile of CECOP' }).getAttribute('href')).toBe('#/org/cecop')
  })

  it('reads its filters from the address', async () => {
    await renderTimeline('#/timeline?category=law,founding&from=1970&to=1979')
    expect(titles()).toEqual(['Social cooperatives emerge', 'French law on worker cooperatives'])
    expect(screen.getByRole('button', { name: /^Law/ }).getAttribute('aria-pressed')).toBe('true')
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('1970')
    expect((screen.getByLabelText('to') as HTMLInputElement).value).toBe('1979')
  })

  it('zooms with the buttons and the + and − keys, changing the years shown and the list', async () => {
    await renderTimeline()
    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    // 1940–2029 is 90 years; zoomed in, 45 years around the middle.
    expect(router.route.query).toEqual({ from: '1963', to: '2007' })
    expect(titles()).toEqual(CHRONOLOGICAL.slice(1, 5))

    fireEvent.keyDown(document.body, { key: '+' })
    await waitFor(() => expect(router.route.query).toEqual({ from: '1974', to: '1996' }))
    expect(titles()).toEqual([
      'Social cooperatives emerge',
      'French law on worker cooperatives',
      'CECOP becomes a confederation',
      'ICA adopts the Statement on the Cooperative Identity',
    ])

    // Typing in a field never zooms.
    fireEvent.keyDown(screen.getByLabelText('From'), { key: '-' })
    expect(router.route.query).toEqual({ from: '1974', to: '1996' })

    fireEvent.keyDown(document.body, { key: '-' })
    await waitFor(() => expect(router.route.query).toEqual({ from: '1963', to: '2008' }))
    await userEvent.click(screen.getByRole('button', { name: 'All years' }))
    expect(router.route.query).toEqual({})
    expect(titles()).toEqual(CHRONOLOGICAL)
  })

  it('sets the years shown from the year fields', async () => {
    await renderTimeline()
    const from = screen.getByLabelText('From')
    await userEvent.clear(from)
    await userEvent.type(from, '1990')
    await fireEvent.change(from)
    expect(router.route.query).toEqual({ from: '1990', to: '2029' })
    expect(titles()).toEqual(CHRONOLOGICAL.slice(3))
  })

  it('is one Tab stop, and the arrow keys, Home and End move focus between events', async () => {
    await renderTimeline()
    const links = titleLinks()
    expect(links.filter((a) => a.tabIndex === 0)).toEqual([links[0]])
    links[0]!.focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(links[1])
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(document.activeElement).toBe(links[3])
    await userEvent.keyboard('{ArrowUp}')
    expect(document.activeElement).toBe(links[2])
    await userEvent.keyboard('{End}')
    expect(document.activeElement).toBe(links[5])
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(links[5])
    await userEvent.keyboard('{Home}')
    expect(document.activeElement).toBe(links[0])
    // The Tab stop follows focus, so Tab leaves the list and Shift+Tab comes back to the same event.
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(titleLinks().filter((a) => a.tabIndex === 0)).toEqual([links[1]]))
    // Links inside a closed row are clickable but not Tab stops.
    expect(within(row('CICOPA founded')).getByRole('link', { name: 'CICOPA' }).tabIndex).toBe(-1)
    expect(within(row('CICOPA founded')).getByRole('button', { name: 'Source 1: Source A' }).tabIndex).toBe(-1)
  })

  it('opens an event with Enter at its own address, with its organisations, its plan pillar and notes on it', async () => {
    const { send } = await renderTimeline()
    const link = screen.getByRole('link', { name: 'CECOP adopts its strategic plan' })
    expect(link.getAttribute('href')).toBe('#/timeline/plan-adopted')
    expect(link.getAttribute('aria-expanded')).toBe('false')
    link.focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(router.route.id).toBe('plan-adopted'))
    const details = await detailsOf('plan-adopted')
    expect(link.getAttribute('aria-expanded')).toBe('true')
    expect(within(details).getByRole('link', { name: 'CECOP' }).getAttribute('href')).toBe('#/org/cecop')
    expect(within(details).getByRole('link', { name: 'Pillar 1: Build a strong network' }).getAttribute('href')).toBe(
      '#/plan/pillar-network',
    )
    await waitFor(() => expect(send).toHaveBeenCalledWith('notes.listFor', { target: { kind: 'event', id: 'plan-adopted' }, limit: 50 }))

    // Escape closes it again, keeping the filters.
    link.focus()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.route.id).toBeNull())
    expect(document.getElementById('event-details-plan-adopted')).toBeNull()
  })

  it('opens the event its address names, and says when the filters hide it or the pack lacks it', async () => {
    await renderTimeline('#/timeline/statement?category=law')
    expect(screen.getByRole('status').textContent).toContain(
      '“ICA adopts the Statement on the Cooperative Identity” is open, but the filters',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Show it' }))
    expect(window.location.hash).toBe('#/timeline/statement')
    await detailsOf('statement')
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('link', { name: 'ICA adopts the Statement on the Cooperative Identity' })),
    )

    await goTo('#/timeline/no-such-event')
    expect((await screen.findByRole('status')).textContent).toContain('The reference pack has no event “no-such-event”.')
  })

  it('numbers the sources of the events shown, and links each source back to the events it supports', async () => {
    await renderTimeline('#/timeline?category=law')
    const list = screen.getByRole('region', { name: 'Sources' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.id),
    ).toEqual(['source-src-c'])
    const mark = within(row('French law on worker cooperatives')).getByRole('button', { name: 'Source 1: Source C' })
    expect(mark).toBeTruthy()
    expect(within(list).getByRole('link', { name: 'July 19, 1978' }).getAttribute('href')).toBe('#/timeline/scop-law?category=law')
  })

  it('sets the events a source is cited for apart, their dates keeping their own commas', async () => {
    await renderTimeline('#/timeline')
    const cited = within(screen.getByRole('region', { name: 'Sources' })).getByText('Cited for:', {
      exact: false,
      selector: '#source-src-c .cited',
    })
    expect(cited.textContent!.replace(/\s+/g, ' ').trim()).toBe('Cited for: 1947 · July 19, 1978 · June 8, 2021')
  })
})
