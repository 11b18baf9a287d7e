/** Settings › data recovery: an empty backup is not offered for restore, and every row's moment reads the same way. */
import { render, screen, within } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '../../../../src/renderer/lib/i18n.svelte'
import DataRecovery from '../../../../src/renderer/views/settings/DataRecovery.svelte'
import type { BackupInfo, SetAsideInfo } from '../../../../src/shared/domain'
import { installFakeAtlas } from '../../fake-atlas'

const backup = (name: string, when: string, kind: BackupInfo['kind'], notes: number | null, empty: boolean): BackupInfo => ({
  name,
  when,
  kind,
  notes,
  problem: notes === null ? { key: 'not-json', values: {} } : null,
  empty,
})

const BACKUPS: BackupInfo[] = [
  backup('store-2026-12-05T10-15-00-000Z.json', '2026-12-05T10:15:00.000Z', 'recent', 3, false),
  backup('daily-2026-12-05.json', '2026-12-05T10:15:00.000Z', 'daily', 3, false),
  backup('store-2026-12-01T08-00-00-000Z.json', '2026-12-01T08:00:00.000Z', 'recent', 0, true),
]
const SET_ASIDE: SetAsideInfo[] = []

beforeEach(() => {
  installFakeAtlas({
    'backups.list': () => BACKUPS,
    'setAside.list': () => SET_ASIDE,
    'app.status': () => ({ device: { id: 'd', name: 'laptop' } }),
  })
})
afterEach(() => {
  i18n.locale = 'en'
  vi.restoreAllMocks()
})

const rows = async () => {
  const table = (await screen.findByRole('heading', { name: 'Backups of your notes' })).closest('section')!.querySelector('table')!
  await within(table).findAllByRole('button', { name: 'Export' })
  return within(table).getAllByRole('row').slice(1)
}

describe('the backups table', () => {
  it('says an empty backup is empty and offers no Restore for it', async () => {
    render(DataRecovery)
    const [recent, daily, empty] = await rows()
    expect(within(recent!).getByRole('button', { name: 'Restore…' })).toBeTruthy()
    expect(within(daily!).getByRole('button', { name: 'Restore…' })).toBeTruthy()
    expect(within(empty!).queryByRole('button', { name: 'Restore…' })).toBeNull()
    expect(empty!.textContent).toContain('Empty: nothing to restore')
    expect(within(empty!).getByRole('button', { name: 'Export' })).toBeTruthy() // still within reach as a file
  })

  it('says it in French and Spanish too', async () => {
    i18n.locale = 'fr'
    const { unmount } = render(DataRecovery)
    expect(
      (await screen.findByText('Vide : rien à restaurer')).closest('tr')!.querySelector('button.danger, button:not(.quiet)'),
    ).toBeNull()
    unmount()
    i18n.locale = 'es'
    render(DataRecovery)
    expect(await screen.findByText('Vacía: nada que restaurar')).toBeTruthy()
  })

  it('reads every row’s moment the same way, a day’s backup included', async () => {
    render(DataRecovery)
    const cells = (await rows()).map((row) => row.querySelector('td')!.textContent!.trim())
    const moment = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })
    expect(cells).toEqual(BACKUPS.map((b) => moment.format(new Date(b.when))))
  })
})
