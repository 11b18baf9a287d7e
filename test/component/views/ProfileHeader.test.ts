/** The profile's header and people, as a careful reader sees them: one layout for every organisation, spaced text. */
import { render, screen } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { router } from '../../../src/renderer/lib/router.svelte'
import { parseRoute } from '../../../src/renderer/lib/routes'
import OrganisationProfile from '../../../src/renderer/views/OrganisationProfile.svelte'
import type { Organisation } from '../../../src/shared/content/schema'
import type { OrganisationProfile as Profile } from '../../../src/shared/domain'
import { installFakeAtlas } from '../fake-atlas'
import { PACK } from '../org-pack'

const source = PACK.sources.find((s) => s.id === 'src-a')!

function profileOf(org: Organisation, extra: Partial<Profile> = {}): Profile {
  return {
    id: org.id,
    names: org.names,
    kind: org.kind,
    countries: org.countries,
    region: org.region ?? null,
    founded: org.founded,
    headquarters: org.headquarters,
    website: org.website ?? null,
    description: org.description,
    figures: [],
    metricLabels: {},
    leaders: org.leaders,
    relations: [],
    events: [],
    sources: { 'src-a': source, 'src-b': source, 'src-c': source },
    ...extra,
  }
}

const pack = (id: string) => PACK.organisations.find((o) => o.id === id)!
/** A regional body: no country, a region, a founding year that two sources give, no name in another language. */
const CECOP = profileOf(pack('cecop'))
/** A national federation with a country, a name in its own language, no founding date and no acronym. */
const NATIVE = profileOf({
  ...pack('jwcu'),
  id: 'native',
  names: { english: 'Workers’ Union', native: { text: 'Union des travailleurs', lang: 'fr' } },
  leaders: [
    { person: 'Walter Tesch', role: 'president', affiliation: { en: 'São Paulo' }, sources: ['src-a'], status: 'sourced' },
    {
      person: 'Cristian Horton',
      role: 'president',
      from: { value: '2022-11', precision: 'month' },
      affiliation: { en: 'FECOOTRA (Argentina)', fr: 'FECOOTRA (Argentine)', translatedFrom: 'x' },
      sources: ['src-a'],
      status: 'sourced',
    },
  ],
})

let shown: Profile
/** What the profile asks main for, answered as a profile with no notes. */
const profileCalls = {
  'organisations.get': () => shown,
  'content.pack': () => PACK,
  'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
  'notes.tags': () => [],
  'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
}
beforeEach(() => {
  router.route = parseRoute('#/org/cecop')
  installFakeAtlas(profileCalls)
})
afterEach(() => {
  i18n.locale = 'en'
  vi.restoreAllMocks()
})

async function showHeader(profile: Profile): Promise<HTMLElement> {
  shown = profile
  const { unmount } = render(OrganisationProfile, { props: { id: profile.id } })
  const heading = await screen.findByRole('heading', { level: 1 })
  const header = heading.closest('header')!
  unmounts.push(unmount)
  return header
}
const unmounts: (() => void)[] = []
afterEach(() => unmounts.splice(0).forEach((u) => u()))

/** The header's frame: each slot (tag and class) in order, and what sits directly in the facts line and the actions. */
function skeleton(header: HTMLElement): string[] {
  const slot = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].filter((c) => !c.startsWith('svelte-')).join('.')}`
  return [...header.children].flatMap((child) => [
    slot(child),
    ...(child.querySelector('h1') ? ['  h1'] : [...child.children].map((inner) => `  ${slot(inner)}`)),
  ])
}

describe('the profile header', () => {
  it('has one layout whatever fields the organisation has', async () => {
    const regional = skeleton(await showHeader(CECOP))
    unmounts.splice(0).forEach((u) => u())
    const national = skeleton(await showHeader(NATIVE))
    expect(national).toEqual(regional)
    // Names first, then what and where it is, then the actions.
    expect(regional.filter((line) => !line.startsWith(' '))).toEqual(['div.head-names', 'p.kicker.head-facts', 'div.profile-actions'])
  })

  it('reads kind · place · founding, spaced, in that order, leaving out what the pack does not give', async () => {
    const regional = await showHeader(CECOP)
    expect(regional.querySelector('.head-line')!.textContent).toBe('Regional organisation · Europe · founded in 1979')
    unmounts.splice(0).forEach((u) => u())
    i18n.locale = 'fr'
    const national = await showHeader(NATIVE)
    expect(national.querySelector('.head-line')!.textContent).toBe('Fédération ou union nationale · Japon')
    expect(national.querySelector('.native')!.textContent).toBe('Union des travailleurs')
  })
})

describe('people with their affiliation', () => {
  it('are spaced from it and never double-bracketed', async () => {
    await showHeader(NATIVE)
    const people = screen.getByRole('heading', { name: 'People' }).closest('section')!
    const text = people.textContent!.replace(/\s+/g, ' ')
    expect(text).toContain('Walter Tesch (São Paulo)')
    expect(text).toContain('Cristian Horton (FECOOTRA, Argentina)')
    expect(text).not.toMatch(/\S\(|\(\(|\)\)/)
  })

  it('mark an affiliation shown in English as English', async () => {
    i18n.locale = 'es'
    await showHeader(NATIVE)
    const tesch = screen.getByText('Walter Tesch').parentElement!
    expect(tesch.querySelector('[lang="en"]')!.textContent).toBe(' (São Paulo)')
  })
})

describe('the briefing sheet saved as a PDF', () => {
  it("is offered under a name in the reader's language", async () => {
    const asked: unknown[] = []
    installFakeAtlas({ ...profileCalls, 'shell.exportPdf': (input: unknown) => (asked.push(input), { exported: true }) })
    i18n.locale = 'fr'
    await showHeader(CECOP)
    screen.getByRole('button', { name: 'Imprimer la fiche' }).click()
    await vi.waitFor(() => expect(asked).toEqual([{ fileName: 'CECOP - fiche Coop Atlas.pdf' }]))
  })
})
