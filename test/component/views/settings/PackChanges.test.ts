/** Settings › a new pack's changes: every date in the table reads as dates read everywhere else in the app. */
import { render, screen, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../../src/renderer/lib/i18n.svelte'
import PackChanges from '../../../../src/renderer/views/settings/PackChanges.svelte'
import type { PackChange } from '../../../../src/shared/domain'

const change = (path: string, before: string | null, after: string | null, extra: Partial<PackChange> = {}): PackChange => ({
  entity: 'organisation',
  id: 'cicopa',
  name: 'CICOPA',
  kind: 'changed',
  path,
  before,
  after,
  url: false,
  ...extra,
})

const CHANGES: PackChange[] = [
  change('leaders[0].from', '2011 (year)', '2011-11 (month)'),
  change('founded[0].value', '1947 (circa)', '1947-06-02 (day)'),
  change('figures[0].value', '72', '52'),
  change('read', '2026-11-23', '2026-12-04', { entity: 'source', id: 's', name: 'About CICOPA' }),
  change('url', 'https://example.org/2026-11-23', 'https://example.org/2026-12-04', {
    entity: 'source',
    id: 's',
    name: 'About CICOPA',
    url: true,
  }),
]

afterEach(() => (i18n.locale = 'en'))

const cells = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .filter((row) => within(row).queryAllByRole('cell').length === 3)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(1)
        .map((cell) => cell.textContent!.trim()),
    )

describe('the changes of a new pack', () => {
  it('shows every date the way the app shows dates, at its own precision', () => {
    render(PackChanges, { props: { changes: CHANGES, changeCount: CHANGES.length } })
    expect(cells()).toEqual([
      ['2011', 'November 2011'],
      ['c. 1947', 'June 2, 1947'],
      ['72', '52'],
      ['November 23, 2026', 'December 4, 2026'],
      ['https://example.org/2026-11-23', 'https://example.org/2026-12-04'], // a link stays exactly as it is
    ])
  })

  it('in the reader’s language', () => {
    i18n.locale = 'fr'
    render(PackChanges, { props: { changes: CHANGES.slice(0, 1), changeCount: 1 } })
    expect(cells()).toEqual([['2011', 'novembre 2011']])
  })
})
