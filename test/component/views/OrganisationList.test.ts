import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { router } from '../../../src/renderer/lib/router.svelte'
import { parseRoute } from '../../../src/renderer/lib/routes'
import OrganisationList from '../../../src/renderer/views/OrganisationList.svelte'
import { SUMMARIES } from '../org-pack'

function go(hash: string): void {
  history.replaceState(null, '', hash)
  router.route = parseRoute(hash)
}

const links = () => within(screen.getByRole('navigation', { name: 'Organisations' })).getAllByRole('link')
const listed = () => links().map((a) => a.getAttribute('data-org-id'))

beforeEach(() => go('#/org'))

describe('OrganisationList', () => {
  it('links every organisation to its profile and marks the current one', () => {
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: 'cecop' } })
    expect(links().map((a) => a.getAttribute('href'))).toEqual([
      '#/org/cecop',
      '#/org/cg-scop',
      '#/org/cicopa',
      '#/org/coceta',
      '#/org/ica',
      '#/org/jwcu',
    ])
    expect(links()[0]!.getAttribute('aria-current')).toBe('page')
    expect(links()[1]!.getAttribute('aria-current')).toBeNull()
  })

  it('filters as you type, ignoring case and accents, and keeps the text in the address', async () => {
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: null } })
    await userEvent.type(screen.getByLabelText('Filter organisations'), 'confederation generale')
    expect(listed()).toEqual(['cg-scop'])
    expect(screen.getByText('1 of 6')).toBeTruthy()
    expect(location.hash).toBe('#/org?q=confederation+generale')
  })

  it('finds an organisation by its country name', async () => {
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: null } })
    await userEvent.type(screen.getByLabelText('Filter organisations'), 'spain')
    expect(listed()).toEqual(['coceta'])
  })

  it('narrows by kind and by membership, writes both into the address, and marks an inferred membership', async () => {
    go('#/org/cecop')
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: 'cecop' } })
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'national-federation')
    expect(listed()).toEqual(['cg-scop', 'coceta', 'jwcu'])
    const cecop = within(screen.getByRole('group', { name: 'Member of' })).getByRole('button', { name: 'CECOP' })
    expect(cecop.getAttribute('aria-pressed')).toBe('false')
    await userEvent.click(cecop)
    expect(cecop.getAttribute('aria-pressed')).toBe('true')
    expect(listed()).toEqual(['cg-scop', 'coceta'])
    expect(screen.getByText('2 of 6')).toBeTruthy()
    expect(router.route).toEqual({ view: 'organisations', id: 'cecop', query: { kind: 'national-federation', member: 'cecop' } })
    expect(links()[1]!.textContent).toContain('membership of CECOP inferred')
    expect(links()[0]!.textContent).not.toContain('inferred')
    // Moving to another profile keeps the filters.
    expect(links()[0]!.getAttribute('href')).toBe('#/org/cg-scop?kind=national-federation&member=cecop')
  })

  it('reads its filters and sort from a deep link', () => {
    go('#/org/cicopa?region=europe&sort=founded')
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: 'cicopa' } })
    expect(listed()).toEqual(['cg-scop', 'cecop', 'coceta'])
    expect((screen.getByLabelText('Region') as HTMLSelectElement).value).toBe('europe')
    expect((screen.getByLabelText('Sort by') as HTMLSelectElement).value).toBe('founded')
    expect(links()[0]!.textContent).toContain('1884')
  })

  it('clears the filters but keeps the sort, and puts focus back in the search field', async () => {
    go('#/org?country=FR&sort=country&q=scop')
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: null } })
    expect(listed()).toEqual(['cg-scop'])
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(listed()).toHaveLength(6)
    expect(router.route.query).toEqual({ sort: 'country' })
    expect(document.activeElement).toBe(screen.getByLabelText('Filter organisations'))
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull()
  })

  it('says so when nothing matches', async () => {
    go('#/org?country=JP&member=cecop')
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: null } })
    expect(screen.getByText('No organisation matches these filters.')).toBeTruthy()
    expect(screen.getByText('0 of 6')).toBeTruthy()
  })

  it('is one Tab stop, at the organisation shown; ↑ ↓ Home End move, the stop follows, and Enter opens', async () => {
    go('#/org/cicopa')
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: 'cicopa' } })
    const stops = () => links().filter((a) => a.tabIndex === 0)
    const focused = () => document.activeElement?.getAttribute('data-org-id')
    expect(stops().map((a) => a.dataset['orgId'])).toEqual(['cicopa'])

    // From the last control before the list, Tab enters it at the organisation shown; the next Tab leaves it.
    within(screen.getByRole('group', { name: 'Member of' }))
      .getByRole('button', { name: 'CICOPA' })
      .focus()
    await userEvent.tab()
    expect(focused()).toBe('cicopa')
    await userEvent.tab()
    expect(links()).not.toContain(document.activeElement)

    links()[2]!.focus()
    await userEvent.keyboard('{End}')
    expect(focused()).toBe('jwcu')
    await userEvent.keyboard('{ArrowDown}') // stays at the end
    expect(focused()).toBe('jwcu')
    await userEvent.keyboard('{Home}')
    expect(focused()).toBe('cecop')
    await userEvent.keyboard('{ArrowDown}')
    expect(focused()).toBe('cg-scop')
    expect(stops().map((a) => a.dataset['orgId'])).toEqual(['cg-scop'])

    // Back into the list with Shift+Tab then Tab: where the reader left it.
    await userEvent.tab({ shift: true })
    await userEvent.tab()
    expect(focused()).toBe('cg-scop')
    await userEvent.keyboard('{Enter}')
    expect(location.hash).toBe('#/org/cg-scop')
  })

  it('keeps its Tab stop on a shown organisation when the filter hides the one that had it', async () => {
    go('#/org/cicopa')
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: 'cicopa' } })
    await userEvent.type(screen.getByLabelText('Filter organisations'), 'spain')
    expect(links().map((a) => [a.dataset['orgId'], a.tabIndex])).toEqual([['coceta', 0]])
  })

  it('moves from the search field into the list and through it with the arrow keys', async () => {
    render(OrganisationList, { props: { organisations: SUMMARIES, selectedId: null } })
    await userEvent.click(screen.getByLabelText('Filter organisations'))
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(links()[0])
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(document.activeElement).toBe(links()[2])
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}')
    expect(document.activeElement).toBe(screen.getByLabelText('Filter organisations'))
  })
})
