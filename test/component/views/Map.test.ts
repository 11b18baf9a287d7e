import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { parseRoute, type Route } from '../../../src/renderer/lib/router.svelte'
import MapView from '../../../src/renderer/views/MapView.svelte'
import type { ContentPack, Organisation, Relation } from '../../../src/shared/content/schema'
import { installFakeAtlas } from '../fake-atlas'

const FIXTURE = join(process.cwd(), 'test/fixtures/pack-minimal')
const read = (file: string) => JSON.parse(readFileSync(join(FIXTURE, file), 'utf8'))

const org = (id: string, acronym: string, countries: string[], extra: Partial<Organisation> = {}): Organisation => ({
  id,
  names: { english: `${acronym} in full`, acronym },
  kind: countries.length > 0 ? 'national-federation' : 'international',
  countries,
  founded: [],
  headquarters: [],
  description: { en: id },
  figures: [],
  leaders: [],
  sources: [],
  ...extra,
})

/** The minimal fixture (CICOPA, CECOP; COCETA in Spain) with two French members, a sub-region over two countries, Malta and ICA. */
function pack(): ContentPack {
  const relations: Relation[] = [
    ...read('relations.json'),
    { type: 'member-of', from: 'cg-scop', to: 'cecop', sources: ['src-a'], status: 'sourced' },
    {
      type: 'member-of',
      from: 'cg-scop',
      to: 'cicopa',
      until: { value: '2001', precision: 'year' },
      sources: ['src-a'],
      status: 'sourced',
    },
  ]
  return {
    ...read('pack.json'),
    sources: read('sources.json'),
    organisations: [
      ...read('organisations.json'),
      org('ica', 'ICA', [], { region: 'world' }),
      org('cg-scop', 'CG Scop', ['FR'], {
        founded: [
          { value: { value: '1884', precision: 'year' }, sources: ['src-a'], status: 'sourced' },
          { value: { value: '1885', precision: 'year' }, sources: ['src-b'], status: 'sourced' },
        ],
      }),
      org('credit', 'Crédit', ['FR']),
      org('mercosur', 'Mercosur body', ['AR', 'BR']),
      org('apex', 'APEX', ['MT']),
    ],
    relations,
    events: read('events.json'),
    cooperativeKinds: read('cooperative-kinds.json'),
    strategicPlan: read('strategic-plan.json'),
  }
}
const PACK = pack()
/** Goes to `hash` as the app would (the router follows the address) and gives the route the view receives. */
function at(hash: string): Route {
  history.replaceState(null, '', hash)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
  return parseRoute(hash)
}

beforeEach(() => {
  installFakeAtlas({ 'content.pack': () => PACK })
  history.replaceState(null, '', '#/map')
  window.dispatchEvent(new HashChangeEvent('hashchange'))
})
afterEach(() => {
  i18n.locale = 'en'
})

describe('MapView', () => {
  it('draws the world from the bundled atlas, shading and linking the countries that have organisations', async () => {
    const { container } = render(MapView, { props: { route: at('#/map') } })
    const map = await screen.findByRole('group', { name: /^World map/ })
    expect(map.querySelectorAll('path').length).toBeGreaterThan(150)
    const links = within(map).getAllByRole('link')
    expect(links.map((a) => a.getAttribute('aria-label'))).toEqual([
      'Argentina: 1 organisation',
      'Brazil: 1 organisation',
      'France: 2 organisations',
      'Malta: 1 organisation',
      'Spain: 1 organisation',
    ])
    expect(within(map).getByRole('link', { name: 'France: 2 organisations' }).getAttribute('class')).toContain('b2')
    expect(within(map).getByRole('link', { name: 'Spain: 1 organisation' }).getAttribute('href')).toBe('#/map/ES')
    // Malta is too small for the atlas: a dot stands for it.
    expect(within(map).getByRole('link', { name: 'Malta: 1 organisation' }).querySelector('circle')).not.toBeNull()
    // A country without organisations is drawn but is not a link.
    expect(container.querySelector('path.land[data-code="DE"]')).not.toBeNull()
  })

  it('lists a country’s organisations with links to their profiles and the sources of what it says', async () => {
    render(MapView, { props: { route: at('#/map/FR') } })
    const panel = (await screen.findByRole('heading', { level: 2, name: 'France' })).closest('section')!
    expect(within(panel).getByText('2 organisations')).toBeTruthy()
    expect(within(panel).getByRole('link', { name: 'CG Scop' }).getAttribute('href')).toBe('#/org/cg-scop')
    expect(within(panel).getByRole('link', { name: 'Crédit' }).getAttribute('href')).toBe('#/org/credit')
    // Sources disagree on the founding year: both are shown, marked.
    const scop = within(panel).getByRole('link', { name: 'CG Scop' }).closest('li')!
    expect(scop.textContent).toContain('founded 1884')
    expect(scop.textContent).toContain('founded 1885')
    expect(within(scop).getByText('sources disagree')).toBeTruthy()
    // A current membership is named with its source; the one that ended (CICOPA, until 2001) is not.
    const memberOf = scop.querySelector('.member-of')!
    expect(
      within(memberOf as HTMLElement)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['CECOP'])
    expect(within(panel).getByRole('link', { name: 'Source A' }).getAttribute('href')).toBe('https://example.org/a')
  })

  it('opens a country from the map, and marks it in the list beside', async () => {
    const { rerender } = render(MapView, { props: { route: at('#/map') } })
    const map = await screen.findByRole('group', { name: /^World map/ })
    await userEvent.click(within(map).getByRole('link', { name: 'Spain: 1 organisation' }))
    expect(location.hash).toBe('#/map/ES')
    await rerender({ route: at(location.hash) })
    const panel = screen.getByRole('heading', { level: 2, name: 'Spain' }).closest('section')!
    expect(within(panel).getByRole('link', { name: 'COCETA' }).getAttribute('href')).toBe('#/org/coceta')
    expect(within(panel).getByText('inferred')).toBeTruthy()
    const list = screen.getByRole('heading', { name: /^Countries/ }).closest('section')!
    expect(within(list).getByRole('link', { name: 'Spain: 1 organisation' }).getAttribute('aria-current')).toBe('true')
  })

  it('gives the counts as a list, and the bodies tied to no country apart', async () => {
    render(MapView, { props: { route: at('#/map') } })
    const list = (await screen.findByRole('heading', { name: /^Countries/ })).closest('section')!
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.getAttribute('aria-label')),
    ).toEqual([
      'Argentina: 1 organisation',
      'Brazil: 1 organisation',
      'France: 2 organisations',
      'Malta: 1 organisation',
      'Spain: 1 organisation',
    ])
    const apart = screen.getByRole('heading', { name: /^Not tied to one country/ }).closest('section')!
    expect(
      within(apart)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['CICOPA', 'ICA', 'CECOP'])
    expect(apart.textContent).toContain('Europe')
    expect(screen.getByText(/5 organisations in 5 countries.* 3 international and regional bodies/)).toBeTruthy()
  })

  it('switches to Europe through the address', async () => {
    render(MapView, { props: { route: at('#/map/ES') } })
    await userEvent.click(await screen.findByRole('button', { name: 'Europe' }))
    expect(location.hash).toBe('#/map/ES?area=europe')
  })

  it('says so for an address that is not a country, or a country with no organisation', async () => {
    const { rerender } = render(MapView, { props: { route: at('#/map/XYZ') } })
    expect(await screen.findByText('“XYZ” is not a country code.')).toBeTruthy()
    await rerender({ route: at('#/map/DE') })
    expect(screen.getByText('The pack has no organisation in Germany.')).toBeTruthy()
  })

  it('names countries in the user’s language', async () => {
    i18n.locale = 'es'
    render(MapView, { props: { route: at('#/map/ES') } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Mapa' })).toBeTruthy()
    expect(screen.getByRole('heading', { level: 2, name: 'España' })).toBeTruthy()
    const map = screen.getByRole('group', { name: /^Mapa del mundo/ })
    expect(within(map).getByRole('link', { name: 'Francia: 2 organizaciones' })).toBeTruthy()
  })
})
