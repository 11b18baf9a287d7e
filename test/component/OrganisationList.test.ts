import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import OrganisationList from '../../src/renderer/views/OrganisationList.svelte'
import type { OrganisationSummary } from '../../src/shared/domain'

const org = (id: string, name: string, acronym: string | null, countries: string[] = []): OrganisationSummary => ({
  id,
  name,
  acronym,
  kind: 'national-federation',
  countries,
  region: null,
  foundedYear: null,
})

const organisations = [
  org('cg-scop', 'Confédération générale des Scop', 'CG Scop', ['FR']),
  org('cecop', 'European Confederation of Industrial and Service Cooperatives', 'CECOP'),
  org('coceta', 'Confederación Española de Cooperativas de Trabajo Asociado', 'COCETA', ['ES']),
]

describe('OrganisationList', () => {
  it('links every organisation to its profile and marks the current one', () => {
    render(OrganisationList, { props: { organisations, selectedId: 'cecop' } })
    const links = screen.getAllByRole('link')
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#/org/cg-scop', '#/org/cecop', '#/org/coceta'])
    expect(links[1]!.getAttribute('aria-current')).toBe('page')
  })

  it('filters as you type, ignoring case and accents', async () => {
    render(OrganisationList, { props: { organisations, selectedId: null } })
    await userEvent.type(screen.getByLabelText('Filter organisations'), 'confederation generale')
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual([expect.stringContaining('CG Scop')])
    expect(screen.getByText('1 of 3')).toBeTruthy()
  })

  it('finds an organisation by its country name', async () => {
    render(OrganisationList, { props: { organisations, selectedId: null } })
    await userEvent.type(screen.getByLabelText('Filter organisations'), 'spain')
    expect(screen.getAllByRole('link')).toHaveLength(1)
  })
})
