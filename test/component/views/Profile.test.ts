import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { router } from '../../../src/renderer/lib/router.svelte'
import { parseRoute } from '../../../src/renderer/lib/routes'
import WithSourcePanel from '../WithSourcePanel.svelte'
import OrganisationProfile from '../../../src/renderer/views/OrganisationProfile.svelte'
import type { OrganisationProfile as Profile } from '../../../src/shared/domain'
import { installFakeAtlas } from '../fake-atlas'
import { PACK } from '../org-pack'

const cecop = PACK.organisations.find((o) => o.id === 'cecop')!
const source = (id: string) => PACK.sources.find((s) => s.id === id)!

const PROFILE: Profile = {
  id: cecop.id,
  names: cecop.names,
  kind: cecop.kind,
  countries: cecop.countries,
  region: cecop.region ?? null,
  founded: cecop.founded,
  headquarters: cecop.headquarters,
  website: cecop.website ?? null,
  description: cecop.description,
  figures: cecop.figures,
  metricLabels: Object.fromEntries(PACK.metrics.map((m) => [m.id, m.label])),
  leaders: cecop.leaders,
  relations: [
    {
      type: 'member-of',
      direction: 'incoming',
      other: { id: 'coceta', name: 'Confederación Española de Cooperativas de Trabajo Asociado', acronym: 'COCETA' },
      since: null,
      until: null,
      status: 'inferred',
      sources: ['src-c'],
      note: { en: 'Listed as a member on a partner page.' },
    },
  ],
  events: [],
  sources: { 'src-a': source('src-a'), 'src-b': source('src-b'), 'src-c': source('src-c') },
}

beforeEach(() => {
  history.replaceState(null, '', '#/org/cecop?member=cecop')
  router.route = parseRoute('#/org/cecop?member=cecop')
  installFakeAtlas({
    'organisations.get': () => PROFILE,
    'content.pack': () => PACK,
    'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
    'notes.tags': () => [],
    'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
  })
})
afterEach(() => vi.restoreAllMocks())

async function show() {
  // As App shows it: inside the source panel's host.
  render(WithSourcePanel, { props: { view: OrganisationProfile, props: { id: 'cecop' } } })
  await screen.findByRole('heading', { level: 1, name: 'CECOP – CICOPA Europe' })
}

const founded = () => screen.getByText('Founded').nextElementSibling as HTMLElement

describe('the sources popover', () => {
  it('opens beside a mark with the source’s title, publisher, address, dates and the fact’s note', async () => {
    await show()
    const mark = within(founded()).getByRole('button', { name: 'Source 1: What is CECOP?' })
    expect(mark.getAttribute('aria-haspopup')).toBe('dialog')
    await userEvent.click(mark)
    const dialog = await screen.findByRole('dialog', { name: 'What is CECOP?' })
    const text = dialog.textContent!
    expect(text).toContain('Source 1')
    expect(text).toContain('CECOP') // publisher
    expect(text).toContain('https://example.org/about')
    expect(within(dialog).getByRole('link', { name: 'What is CECOP?' }).getAttribute('href')).toBe('https://example.org/about')
    expect(text).toContain('June 2021') // published
    expect(text).toContain('November 20, 2026') // read by the compilers
    expect(text).toContain('Stated in its sources.')
    expect(text).toContain('Founded in Manchester by six federations.')
    expect(document.activeElement).toBe(dialog)
  })

  it('closes with Escape and gives focus back to the mark', async () => {
    await show()
    const mark = within(founded()).getByRole('button', { name: 'Source 2: Deep roots, long branches' })
    await userEvent.click(mark)
    expect((await screen.findByRole('dialog')).textContent).toContain('The anniversary page names five founders.')
    expect((await screen.findByRole('dialog')).textContent).not.toContain('https://') // this source has no address
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(mark)
  })

  it('closes with its button, on a second click of its mark, and on a click elsewhere', async () => {
    await show()
    const mark = within(founded()).getByRole('button', { name: 'Source 1: What is CECOP?' })
    await userEvent.click(mark)
    await userEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(mark)
    await userEvent.click(mark)
    await userEvent.click(mark)
    expect(screen.queryByRole('dialog')).toBeNull()
    await userEvent.click(mark)
    await userEvent.click(screen.getByRole('heading', { level: 1 }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('steps to the fact’s other sources from inside the panel', async () => {
    await show()
    const headquarters = screen.getByText('Headquarters').nextElementSibling as HTMLElement
    await userEvent.click(within(headquarters).getByRole('button', { name: 'Source 1: What is CECOP?' }))
    const dialog = await screen.findByRole('dialog')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Source 2: Deep roots, long branches' }))
    const second = await screen.findByRole('dialog', { name: /^Deep roots, long branches/ })
    expect(second.textContent).toContain('Source 2')
    // No address is known for it: said so, with how to find it, rather than a title that is merely not a link.
    expect(within(second).queryByRole('link', { name: 'Deep roots, long branches' })).toBeNull()
    expect(
      within(second)
        .getByText(/no web address/)
        .getAttribute('title'),
    ).toMatch(/look it up by its title and publisher/)
    expect(within(await screen.findByRole('dialog')).queryByRole('button', { name: /^Source 2/ })).toBeNull()
    expect(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Source 1: What is CECOP?' })).toBeTruthy()
  })

  it('says how sure an inferred fact is, with the fact’s note', async () => {
    await show()
    const relation = screen.getByRole('link', { name: 'COCETA' }).closest('li')!
    await userEvent.click(within(relation).getByRole('button', { name: /^Source \d+: Our members/ }))
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain('Inferred: derived from a source, not stated in it.')
    expect(dialog.textContent).toContain('Listed as a member on a partner page.')

    await userEvent.keyboard('{Escape}')
    const figures = screen.getByRole('table')
    const row = within(figures).getAllByRole('row')[3]! // 26 in 2017, inferred
    await userEvent.click(within(row).getByRole('button', { name: /^Source \d+: Deep roots/ }))
    expect((await screen.findByRole('dialog')).textContent).toContain('Dated by its counts.')
  })
})

describe('disagreements', () => {
  it('marks a fact whose sources give the same value with different details as that, not as a disagreement', async () => {
    await show()
    // CECOP's two founding accounts both give 1979; they differ on the founders (their notes).
    expect(within(founded()).getByText('same value, details differ')).toBeTruthy()
    expect(within(founded()).queryByText('sources disagree')).toBeNull()
  })

  it('marks a fact whose sources give different values as a disagreement', async () => {
    const other = { ...cecop.founded[1]!, value: { value: '1980', precision: 'year' as const } }
    installFakeAtlas({
      'organisations.get': () => ({ ...PROFILE, founded: [cecop.founded[0]!, other] }),
      'content.pack': () => PACK,
      'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
      'notes.tags': () => [],
      'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
    })
    await show()
    expect(within(founded()).getByText('sources disagree')).toBeTruthy()
    expect(within(founded()).queryByText('same value, details differ')).toBeNull()
  })

  it('marks every figure that disagrees with another for the same date, and not the others', async () => {
    await show()
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.classList.contains('disputed-row'))).toEqual([true, true, false])
    expect(rows[0]!.textContent).toContain('sources disagree')
    expect(within(rows[1]!).getByText('(sources disagree)')).toBeTruthy()
    expect(rows[2]!.textContent).not.toContain('sources disagree')
  })
})

describe('history', () => {
  it('marks each event as the timeline does: unverified, disputed when its dates disagree, and not when they agree', async () => {
    const claim = (value: string, extra: object = {}) => ({
      value: { value, precision: 'year' as const },
      sources: ['src-a'],
      status: 'sourced' as const,
      ...extra,
    })
    const event = (id: string, title: string, date: ReturnType<typeof claim>[]) => ({
      id,
      date,
      title: { en: title },
      category: 'leadership' as const,
      organisations: ['cecop'],
    })
    installFakeAtlas({
      'organisations.get': () => ({
        ...PROFILE,
        events: [
          event('e1', 'A secretary general named', [claim('2006', { status: 'unverified' })]),
          event('e2', 'Two sources, one year', [claim('1996'), claim('1996', { sources: ['src-b'] })]),
          event('e3', 'Two sources, two years', [claim('1995'), claim('1997', { sources: ['src-b'] })]),
        ],
      }),
      'content.pack': () => PACK,
      'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
      'notes.tags': () => [],
      'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
    })
    await show()
    const section = screen.getByRole('region', { name: 'History' })
    const row = (title: string) => within(section).getByRole('link', { name: title }).closest('li')!
    expect(within(row('A secretary general named')).getByText('unverified')).toBeTruthy()
    expect(row('Two sources, one year').textContent).not.toMatch(/unverified|sources disagree/)
    expect(within(row('Two sources, two years')).getByText('sources disagree')).toBeTruthy()
  })
})

describe('actions', () => {
  it('opens compare with this organisation chosen, and prints the briefing', async () => {
    await show()
    expect(screen.getByRole('link', { name: 'Compare' }).getAttribute('href')).toBe('#/compare?ids=cecop')
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined)
    await userEvent.click(screen.getByRole('button', { name: 'Print briefing' }))
    expect(print).toHaveBeenCalledOnce()
  })

  it('opens a new note’s editor from the top of the profile, with focus in its text', async () => {
    await show()
    await userEvent.click(screen.getByRole('button', { name: 'Write a note' }))
    const editor = await screen.findByLabelText('New note on CECOP')
    await waitFor(() => expect(document.activeElement).toBe(editor))
  })

  it('keeps the list’s filters on links to other organisations', async () => {
    await show()
    expect(screen.getByRole('link', { name: 'COCETA' }).getAttribute('href')).toBe('#/org/coceta?member=cecop')
  })

  it('carries a header for the printed sheet with the pack’s version', async () => {
    await show()
    await waitFor(() => expect(document.querySelector('.briefing-head')?.textContent).toContain('Pack 2.3.4 · November 23, 2026'))
    expect(document.querySelector('.briefing-head')!.classList.contains('print-only')).toBe(true)
  })
})
