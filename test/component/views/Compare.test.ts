import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { router } from '../../../src/renderer/lib/router.svelte'
import { parseRoute } from '../../../src/renderer/lib/routes'
import WithSourcePanel from '../WithSourcePanel.svelte'
import CompareView from '../../../src/renderer/views/CompareView.svelte'
import { installFakeAtlas } from '../fake-atlas'
import { PACK } from '../org-pack'

function go(hash: string) {
  history.replaceState(null, '', hash)
  router.route = parseRoute(hash)
  return router.route
}

beforeEach(() => {
  installFakeAtlas({ 'content.pack': () => PACK })
})

const columns = () => screen.getAllByRole('columnheader').filter((th) => th.getAttribute('scope') === 'col')
const row = (name: string) =>
  screen.getAllByRole('row').find((tr) => within(tr).queryByRole('rowheader', { name: new RegExp(`^${name}`) }))!
const cells = (name: string) => within(row(name)).getAllByRole('cell')

describe('CompareView', () => {
  it('shows the organisations side by side, each linked to its profile, every value with its sources', async () => {
    render(CompareView, { props: { route: go('#/compare?ids=cecop,cicopa') } })
    await waitFor(() => expect(columns()).toHaveLength(2))
    expect(columns().map((th) => within(th).getAllByRole('link')[0]!.getAttribute('href'))).toEqual(['#/org/cecop', '#/org/cicopa'])

    const founded = cells('Founded')
    expect(founded.map((td) => td.textContent)).toEqual([expect.stringContaining('1979'), expect.stringContaining('1947')])
    // CECOP's two founding accounts give the same year and differ on the details; CICOPA has one.
    expect(founded[0]!.textContent).toContain('same value, details differ')
    expect(founded[0]!.textContent).not.toContain('sources disagree')
    expect(founded[1]!.textContent).not.toContain('details differ')
    expect(within(founded[0]!).getAllByRole('button', { name: /^Source \d+:/ })).toHaveLength(2)

    // Figures by metric: CECOP's two undated counts disagree and both are marked; CICOPA's turnover has no CECOP counterpart.
    const members = cells('Member organisations')
    expect(within(members[0]!).getAllByText('sources disagree')).toHaveLength(2)
    expect(members[0]!.textContent).toContain('2017')
    expect(members[1]!.textContent).toContain('51')
    const turnover = cells('Turnover')
    expect(turnover[0]!.textContent).toContain('not recorded')
    expect(turnover[1]!.textContent).toMatch(/€2\.5M/)

    // Members recorded in the atlas, and the inferred one said to be inferred.
    const recorded = cells('Members')
    expect(recorded[0]!.textContent).toContain('2 members')
    expect(recorded[0]!.textContent).toContain('1 inferred')
    expect(
      within(recorded[1]!)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['CG Scop', 'COCETA', 'JWCU'])
    expect(cells('Belongs to')[0]!.textContent).toContain('Regional organisation of')
    expect(cells('Leaders now')[1]!.textContent).toContain('Iñigo Albizuri')
    expect(cells('Leaders now')[1]!.textContent).not.toContain('Marián Rybár')

    const sources = within(screen.getByRole('region', { name: 'Sources' }).closest('section') ?? document.body)
    expect(sources.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('What is CECOP?'),
      expect.stringContaining('Our members'),
      expect.stringContaining('Deep roots, long branches'),
    ])
  })

  it('adds an organisation with the picker, and removes one from its column, returning focus to the picker', async () => {
    const { rerender } = render(CompareView, { props: { route: go('#/compare?ids=cecop,cicopa') } })
    await waitFor(() => expect(columns()).toHaveLength(2))
    const picker = screen.getByLabelText('Add an organisation') as HTMLSelectElement
    expect([...picker.options].map((o) => o.value)).not.toContain('cecop')
    await userEvent.selectOptions(picker, 'ica')
    await userEvent.click(screen.getByRole('button', { name: 'Add' }))
    expect(router.route.query).toEqual({ ids: 'cecop,cicopa,ica' })
    await rerender({ route: router.route })
    expect(columns()).toHaveLength(3)

    await userEvent.click(screen.getByRole('button', { name: 'Remove CECOP from the comparison' }))
    expect(router.route.query).toEqual({ ids: 'cicopa,ica' })
    await rerender({ route: router.route })
    expect(columns().map((th) => th.textContent)).toEqual([expect.stringContaining('CICOPA'), expect.stringContaining('ICA')])
    await waitFor(() => expect(document.activeElement).toBe(picker))
  })

  it('takes four at most', async () => {
    render(CompareView, { props: { route: go('#/compare?ids=cecop,cicopa,ica,coceta') } })
    await waitFor(() => expect(columns()).toHaveLength(4))
    expect((screen.getByLabelText('Add an organisation') as HTMLSelectElement).disabled).toBe(true)
    expect(screen.getByText(/At most 4 organisations/)).toBeTruthy()
  })

  it('asks for a second organisation, suggests a start when there is none, and names ids it does not know', async () => {
    const { rerender } = render(CompareView, { props: { route: go('#/compare?ids=cecop,atlantis') } })
    await screen.findByText('Add at least one more organisation to compare with.')
    expect(screen.getByRole('alert').textContent).toContain('atlantis')
    expect(columns()).toHaveLength(1)
    await rerender({ route: go('#/compare') })
    expect(screen.getByRole('link', { name: 'Start with CICOPA and CECOP' }).getAttribute('href')).toBe('#/compare?ids=cicopa%2Ccecop')
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('opens a cell’s source beside its mark, and closes it with Escape', async () => {
    render(WithSourcePanel, { props: { view: CompareView, props: { route: go('#/compare?ids=cecop,cicopa') } } })
    await waitFor(() => expect(columns()).toHaveLength(2))
    const mark = within(cells('Headquarters')[0]!).getByRole('button', { name: /^Source 1: What is CECOP\?/ })
    await userEvent.click(mark)
    const dialog = await screen.findByRole('dialog')
    expect(dialog.textContent).toContain('https://example.org/about')
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(mark)
  })
})
