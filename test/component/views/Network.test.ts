import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { parseRoute, type Route } from '../../../src/renderer/lib/router.svelte'
import NetworkView from '../../../src/renderer/views/NetworkView.svelte'
import type { ContentPack, Organisation, Relation } from '../../../src/shared/content/schema'
import { installFakeAtlas } from '../fake-atlas'

const FIXTURE = join(process.cwd(), 'test/fixtures/pack-minimal')
const read = (file: string) => JSON.parse(readFileSync(join(FIXTURE, file), 'utf8'))

const org = (id: string, acronym: string, countries: string[], founded: string | null): Organisation => ({
  id,
  names: { english: `${acronym} in full`, acronym },
  kind: countries.length > 0 ? 'national-federation' : 'international',
  countries,
  founded: founded ? [{ value: { value: founded, precision: 'year' }, sources: ['src-a'], status: 'sourced' }] : [],
  headquarters: [],
  description: { en: id },
  figures: [],
  leaders: [],
  sources: [],
})

/** The minimal fixture pack (CICOPA, CECOP, COCETA) with ICA above it, more members, and an organisation linked to nothing. */
function pack(): ContentPack {
  const relations: Relation[] = [
    ...read('relations.json'),
    {
      type: 'sectoral-organisation-of',
      from: 'cicopa',
      to: 'ica',
      since: { value: '1947', precision: 'year' },
      sources: ['src-a'],
      status: 'sourced',
    },
    { type: 'member-of', from: 'cg-scop', to: 'cecop', sources: ['src-b'], status: 'sourced' },
    {
      type: 'member-of',
      from: 'nouvelle',
      to: 'cecop',
      since: { value: '2015', precision: 'year' },
      sources: ['src-a'],
      status: 'sourced',
    },
    {
      type: 'member-of',
      from: 'coceta',
      to: 'cicopa',
      sources: ['src-a'],
      status: 'inferred',
      note: { en: 'Follows from CECOP’s rules.' },
    },
  ]
  return {
    ...read('pack.json'),
    sources: read('sources.json'),
    organisations: [
      ...read('organisations.json'),
      org('ica', 'ICA', [], '1895'),
      org('cg-scop', 'CG Scop', ['FR'], '1884'),
      org('nouvelle', 'Nouvelle', ['FR'], '2015'),
      org('solo', 'Solo', ['DE'], null),
    ],
    relations,
    events: read('events.json'),
    cooperativeKinds: read('cooperative-kinds.json'),
    strategicPlan: read('strategic-plan.json'),
  }
}
const PACK = pack()
const COCETA_IN_CICOPA = PACK.relations.findIndex((r) => r.from === 'coceta' && r.to === 'cicopa')

/** Goes to `hash` as the app would (the router follows the address) and gives the route the view receives. */
function at(hash: string): Route {
  history.replaceState(null, '', hash)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
  return parseRoute(hash)
}
const nodeOf = (id: string) => document.querySelector<SVGAElement>(`a[data-id="${id}"]`)!

beforeEach(() => {
  installFakeAtlas({ 'content.pack': () => PACK })
  // The app's router follows the address: start every test on the network view.
  history.replaceState(null, '', '#/network')
  window.dispatchEvent(new HashChangeEvent('hashchange'))
})
afterEach(() => {
  i18n.locale = 'en'
})

describe('NetworkView', () => {
  it('draws every linked organisation once, as a link to its profile named for who it is and where it hangs', async () => {
    render(NetworkView, { props: { route: at('#/network') } })
    const diagram = await screen.findByRole('group', { name: 'Affiliation diagram' })
    const links = within(diagram).getAllByRole('link')
    expect(links.map((a) => a.getAttribute('data-id')).toSorted()).toEqual(['cecop', 'cg-scop', 'cicopa', 'coceta', 'ica', 'nouvelle'])
    const cecop = within(diagram).getByRole('link', {
      // Begins with the words drawn on the node, then says who it is and where it hangs.
      name: /^CECOP \d{4}: European Confederation .* \(CECOP\), Regional organisation\. Regional organisation of CICOPA$/,
    })
    expect(cecop.getAttribute('href')).toBe('#/org/cecop')
    expect(within(diagram).getByRole('link', { name: /COCETA.*Member of CECOP \(inferred\)/ })).toBeTruthy()
    // Members stand under their country, in the UI language.
    expect(within(diagram).getByText('Spain')).toBeTruthy()
    // The organisation linked to nothing is not drawn, but is named below with a link.
    expect(
      screen
        .getByText(/Not linked to another organisation/)
        .querySelector('a')!
        .getAttribute('href'),
    ).toBe('#/org/solo')
  })

  it('is one Tab stop; the arrow keys move between organisations and Enter opens the profile', async () => {
    render(NetworkView, { props: { route: at('#/network') } })
    await screen.findByRole('group', { name: 'Affiliation diagram' })
    const tabbable = [...document.querySelectorAll('a[data-id]')].filter((a) => a.getAttribute('tabindex') === '0')
    expect(tabbable.map((a) => a.getAttribute('data-id'))).toEqual(['ica'])

    nodeOf('ica').focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement?.getAttribute('data-id')).toBe('cicopa')
    expect(nodeOf('cicopa').getAttribute('tabindex')).toBe('0')
    expect(nodeOf('ica').getAttribute('tabindex')).toBe('-1')
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement?.getAttribute('data-id')).toBe('cecop')
    await userEvent.keyboard('{End}')
    const last = document.activeElement?.getAttribute('data-id')
    expect(['cg-scop', 'nouvelle', 'coceta']).toContain(last)

    await userEvent.keyboard('{Enter}')
    expect(location.hash).toBe(`#/org/${last}`)
  })

  it('opens a profile on click', async () => {
    render(NetworkView, { props: { route: at('#/network') } })
    await screen.findByRole('group', { name: 'Affiliation diagram' })
    await userEvent.click(nodeOf('coceta'))
    expect(location.hash).toBe('#/org/coceta')
  })

  it('lights a member’s other links when it is focused, with a card giving each link’s status and sources', async () => {
    const { container } = render(NetworkView, { props: { route: at('#/network') } })
    await screen.findByRole('group', { name: 'Affiliation diagram' })
    // COCETA hangs under CECOP; its (inferred) membership of CICOPA is drawn only when asked for.
    expect(container.querySelector(`path[data-relation="${COCETA_IN_CICOPA}"]`)).toBeNull()
    nodeOf('coceta').focus()
    const extra = await waitFor(() => {
      const path = container.querySelector(`path[data-relation="${COCETA_IN_CICOPA}"]`)
      expect(path).not.toBeNull()
      return path!
    })
    expect(extra.classList).toContain('status-inferred')
    expect(extra.classList).toContain('lit')

    const card = screen.getByRole('complementary', { name: /Spanish Confederation of Worker Cooperatives/ })
    const cicopa = within(card).getByRole('link', { name: 'CICOPA' })
    expect(cicopa.getAttribute('href')).toBe('#/network/cicopa')
    expect(within(cicopa.parentElement!).getByText('inferred').getAttribute('title')).toContain('Follows from CECOP’s rules.')
    expect(within(card).getByRole('link', { name: 'Source A' }).getAttribute('href')).toBe('https://example.org/a')
    expect(
      within(card)
        .getByRole('link', { name: /Open the profile/ })
        .getAttribute('href'),
    ).toBe('#/org/coceta')
    expect(within(card).getAllByRole('button', { name: /^Source \d: Source A$/ }).length).toBeGreaterThan(0)
  })

  it('shows the network as it stood in the year in the address: what did not exist yet is faded and says so', async () => {
    const { container } = render(NetworkView, { props: { route: at('#/network?year=1990') } })
    await screen.findByRole('group', { name: 'Affiliation diagram' })
    expect(nodeOf('nouvelle').classList).toContain('faded')
    expect(nodeOf('nouvelle').getAttribute('aria-label')).toContain('not founded yet in 1990')
    expect(nodeOf('cecop').classList).not.toContain('faded')
    expect(nodeOf('coceta').classList).not.toContain('faded') // no founding date: shown in every year
    const joined2015 = PACK.relations.findIndex((r) => r.from === 'nouvelle')
    expect(container.querySelector(`path[data-relation="${joined2015}"]`)!.classList).toContain('faded')
    expect(screen.getByText(/^In 1990: 6 of 7 organisations and 5 of 6 links\.$/)).toBeTruthy()
    expect(screen.getByText(/undated links, and organisations with no known founding date, show in every year/i)).toBeTruthy()
  })

  it('keeps the slider’s year in the address without a history entry per step', async () => {
    const { rerender } = render(NetworkView, { props: { route: at('#/network') } })
    const slider = await screen.findByRole('slider', { name: 'Year' })
    expect(screen.getByText('7 organisations and 6 links, as the pack records them today.')).toBeTruthy()
    const entries = history.length
    await fireEvent.input(slider, { target: { value: '1950' } })
    expect(location.hash).toBe('#/network?year=1950')
    expect(history.length).toBe(entries)
    await rerender({ route: at(location.hash) })
    expect(nodeOf('cecop').classList).toContain('faded')
    expect(nodeOf('cicopa').classList).not.toContain('faded')
    await userEvent.click(screen.getByRole('button', { name: 'Today' }))
    expect(location.hash).toBe('#/network')
  })

  it('gives the same structure as a nested list, members under their country', async () => {
    render(NetworkView, { props: { route: at('#/network?as=list') } })
    const coceta = await screen.findByRole('link', { name: 'COCETA' })
    const spain = coceta.closest('li')!.parentElement!.closest('li')!
    expect(spain.querySelector('.country-name')!.textContent).toBe('Spain')
    const cecop = spain.parentElement!.closest('li')!
    expect(cecop.querySelector('a')!.textContent).toBe('CECOP')
    const cicopa = cecop.parentElement!.closest('li')!
    expect(cicopa.querySelector('a')!.textContent).toBe('CICOPA')
    expect(cicopa.parentElement!.closest('li')!.querySelector('a')!.textContent).toBe('ICA')
    // Its other link is written out, with its status.
    expect(coceta.closest('li')!.querySelector('.also')!.textContent).toMatch(/member of\s+CICOPA\s*inferred/)
    expect(screen.queryByRole('group', { name: 'Affiliation diagram' })).toBeNull()
  })

  it('switches between diagram and list through the address', async () => {
    render(NetworkView, { props: { route: at('#/network?year=1990') } })
    await userEvent.click(await screen.findByRole('button', { name: 'List' }))
    expect(location.hash).toBe('#/network?year=1990&as=list')
  })

  it('says so when the address names an organisation the pack lacks', async () => {
    render(NetworkView, { props: { route: at('#/network/nobody') } })
    expect(await screen.findByText('The reference pack has no organisation “nobody”.')).toBeTruthy()
  })

  it('speaks the user’s language', async () => {
    i18n.locale = 'fr'
    render(NetworkView, { props: { route: at('#/network') } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Réseau' })).toBeTruthy()
    const diagram = screen.getByRole('group', { name: 'Schéma des affiliations' })
    expect(within(diagram).getByText('Espagne')).toBeTruthy()
    expect(within(diagram).getByRole('link', { name: /COCETA.*Membre de CECOP \(déduit\)/ })).toBeTruthy()
  })
})
