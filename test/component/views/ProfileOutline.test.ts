/** The profile's "On this page": the sections it shows, opened by mouse or by Alt+O, and jumps that put focus on a heading. */
import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isOutlineKey, openOutline } from '../../../src/renderer/lib/outline'
import { router } from '../../../src/renderer/lib/router.svelte'
import { parseRoute } from '../../../src/renderer/lib/routes'
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
  leaders: [],
  relations: [
    {
      type: 'member-of',
      direction: 'incoming',
      other: { id: 'coceta', name: 'Confederación Española de Cooperativas de Trabajo Asociado', acronym: 'COCETA' },
      since: null,
      until: null,
      status: 'sourced',
      sources: ['src-c'],
      note: null,
    },
    {
      type: 'member-of',
      direction: 'outgoing',
      other: { id: 'cicopa', name: 'CICOPA', acronym: null },
      since: null,
      until: null,
      status: 'sourced',
      sources: ['src-c'],
      note: null,
    },
  ],
  events: [],
  sources: { 'src-a': source('src-a'), 'src-b': source('src-b'), 'src-c': source('src-c') },
}

beforeEach(() => {
  history.replaceState(null, '', '#/org/cecop')
  router.route = parseRoute('#/org/cecop')
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
  const view = render(OrganisationProfile, { props: { id: 'cecop' } })
  await screen.findByRole('heading', { level: 1, name: /CECOP/ })
  return view
}

const toggle = () => screen.getByRole('button', { name: /On this page/ })
/** The list the button opens (by its id: a hidden element has no accessible name to be found by). */
const outline = () => document.getElementById(toggle().getAttribute('aria-controls')!)!
const entries = () => [...outline().querySelectorAll('button')]

describe('the profile’s outline', () => {
  it('lists the sections the page shows, in their order, each kind of relation under Relations', async () => {
    await show()
    // No people and no history on this profile: neither is listed.
    expect(entries().map((b) => b.textContent)).toEqual(['Figures', 'Relations', 'Members', 'Member of', 'Your notes', 'Sources'])
    expect(entries().map((b) => b.closest('li')!.classList.contains('sub'))).toEqual([false, false, true, true, false, false])
    // Every entry names a heading that is on the page.
    for (const button of entries()) expect(document.getElementById(button.dataset['section']!)?.tagName).toMatch(/^H[23]$/)
  })

  it('opens by mouse, and a chosen section’s heading takes focus without becoming a Tab stop', async () => {
    await show()
    expect(toggle().getAttribute('aria-expanded')).toBe('false')
    expect(outline().hidden).toBe(true)
    await userEvent.click(toggle())
    expect(toggle().getAttribute('aria-expanded')).toBe('true')
    expect(outline().hidden).toBe(false)
    expect(screen.getByRole('navigation', { name: 'On this page' })).toBe(outline())
    await userEvent.click(within(outline()).getByRole('button', { name: 'Members' }))
    const heading = screen.getByRole('heading', { level: 3, name: 'Members' })
    expect(document.activeElement).toBe(heading)
    expect(heading.getAttribute('tabindex')).toBe('-1')
    expect(outline().hidden).toBe(true) // closed again: the page stays calm
  })

  it('opens with Alt+O at its first section; the arrows, Home, End and first letters move; Enter jumps; Escape closes', async () => {
    const view = await show()
    expect(openOutline()).toBe(true)
    await vi.waitFor(() => expect(document.activeElement).toBe(entries()[0]))
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(document.activeElement?.textContent).toBe('Members')
    await userEvent.keyboard('{End}')
    expect(document.activeElement?.textContent).toBe('Sources')
    await userEvent.keyboard('{ArrowUp}{Enter}')
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Your notes' }))

    openOutline()
    await vi.waitFor(() => expect(document.activeElement).toBe(entries()[0]))
    // A section's first letter moves to the next section starting with it.
    await userEvent.keyboard('m')
    expect(document.activeElement?.textContent).toBe('Members')
    await userEvent.keyboard('M')
    expect(document.activeElement?.textContent).toBe('Member of')
    await userEvent.keyboard('m')
    expect(document.activeElement?.textContent).toBe('Members')
    await userEvent.keyboard('x') // no section: stays
    expect(document.activeElement?.textContent).toBe('Members')
    await userEvent.keyboard('{Home}{Escape}')
    expect(outline().hidden).toBe(true)
    expect(document.activeElement).toBe(toggle())

    // Gone with the page: the key does nothing elsewhere.
    view.unmount()
    expect(openOutline()).toBe(false)
  })
})

describe('the outline’s key', () => {
  const key = (init: KeyboardEventInit, target: Element = document.body) => {
    const event = new KeyboardEvent('keydown', { bubbles: true, ...init })
    Object.defineProperty(event, 'target', { value: target })
    return event
  }

  it('is Alt+O, by the key’s place, and leaves a letter typed with Option on a Mac to a text field', () => {
    const field = document.createElement('textarea')
    expect(isOutlineKey(key({ altKey: true, code: 'KeyO', key: 'o' }))).toBe(true)
    expect(isOutlineKey(key({ altKey: true, code: 'KeyO', key: 'ø' }))).toBe(true) // Option+O on a Mac, outside a field
    expect(isOutlineKey(key({ altKey: true, code: 'KeyO', key: 'o' }, field))).toBe(true)
    expect(isOutlineKey(key({ altKey: true, code: 'KeyO', key: 'ø' }, field))).toBe(false)
    expect(isOutlineKey(key({ altKey: true, ctrlKey: true, code: 'KeyO', key: 'o' }))).toBe(false) // AltGr on Windows
    expect(isOutlineKey(key({ code: 'KeyO', key: 'o' }))).toBe(false)
    expect(isOutlineKey(key({ altKey: true, code: 'KeyP', key: 'p' }))).toBe(false)
  })
})
