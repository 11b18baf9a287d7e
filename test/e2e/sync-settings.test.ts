/**
 * Settings › Sync, used as a person would (issue 16): two installations (two browse servers, two data folders)
 * share one sync folder and one team folder on this disk, the way a sync tool would present them. Everything is
 * done through the page: choosing folders (a refused one worded in the reader's language), naming the device,
 * sharing a note, seeing it arrive on the other side with its author, and a folder that disappears. The copying
 * between machines by a real sync tool is proven in sync-syncthing.test.ts.
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, useBrowseSession, watchPage } from './support/browse'

const session = useBrowseSession('sync-settings')

const syncSection = (page: Page) =>
  page.getByRole('region', { name: /Sync with your other devices|Synchroniser avec vos autres appareils/ })
const folderGroup = (page: Page, name: string) => page.getByRole('group', { name })
const statusOf = (page: Page, name: string) => folderGroup(page, name).locator('.sync-status').textContent()

async function chooseFolder(page: Page, group: string, folder: string): Promise<void> {
  const choice = folderGroup(page, group)
  await choice.getByLabel('Folder (full path)').fill(folder)
  await choice.getByRole('button', { name: 'Use this folder' }).click()
}

async function rename(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name shown to your other devices and your team').fill(name)
  await page.getByRole('button', { name: 'Rename' }).click()
  await expect.poll(() => page.locator('.success').textContent()).toContain(`This device is now called “${name}”.`)
}

describe('Settings › Sync', () => {
  it('chooses folders, names the device, and carries a shared note to the other installation with its author', async () => {
    const [dataA, dataB, shared] = [await session.folder(), await session.folder(), await session.folder()]
    const syncFolder = join(shared, 'Sync')
    const teamFolder = join(shared, 'Team')
    await mkdir(syncFolder)
    await mkdir(teamFolder)
    const [serverA, serverB] = [await session.serve({ dataDir: dataA }), await session.serve({ dataDir: dataB })]
    const a = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    const b = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    const problems = [...watchPage(a, serverA.origin), ...watchPage(b, serverB.origin)]

    // A: nothing chosen; a path that is not a full path is refused in plain words, and nothing changes.
    await a.goto(`${serverA.url}#/settings`)
    await expect.poll(() => statusOf(a, 'Sync folder')).toBe('Not synchronised: no folder chosen.')
    await chooseFolder(a, 'Sync folder', 'Sync')
    await expect
      .poll(() => folderGroup(a, 'Sync folder').getByRole('alert').textContent())
      .toContain('The sync folder must be given as a full path')
    expect(await statusOf(a, 'Sync folder')).toBe('Not synchronised: no folder chosen.')

    // A chooses the sync folder and the team folder, and names itself.
    await chooseFolder(a, 'Sync folder', syncFolder)
    await expect.poll(() => statusOf(a, 'Sync folder')).toContain('No other device has written to this folder yet.')
    await chooseFolder(a, 'Team folder', teamFolder)
    await expect.poll(() => statusOf(a, 'Team folder')).toContain('Last exchanged')
    await rename(a, 'Ana’s laptop')

    // B does the same; it sees A's file at once.
    await b.goto(`${serverB.url}#/settings`)
    await chooseFolder(b, 'Sync folder', syncFolder)
    await expect.poll(() => statusOf(b, 'Sync folder')).toContain('with one other device')
    await chooseFolder(b, 'Team folder', teamFolder)
    await rename(b, 'Office desktop')
    await screenshot(b, 'sync-settings-en')

    // A writes a note on CECOP and shares it with the team.
    await a.goto(`${serverA.url}#/org/cecop`)
    await a.getByRole('button', { name: 'New note' }).click()
    await a.getByLabel('New note on CECOP').fill('Asked CECOP about the 2025 plan review.')
    await expect.poll(() => a.locator('[data-status]').getAttribute('data-status')).toBe('saved')
    await a.getByRole('button', { name: 'Done' }).click()
    await a.getByRole('button', { name: 'Share with the team' }).click()
    await expect.poll(() => a.locator('.note-list .status-shared').count()).toBe(1)

    // B, already on CECOP's page, shows it as it arrives (no reload): shared, by A's name.
    await b.goto(`${serverB.url}#/org/cecop`)
    const arrived = b.locator('.note-list .note', { hasText: 'Asked CECOP about the 2025 plan review.' })
    await expect.poll(() => arrived.count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => arrived.locator('.note-author').textContent(), { timeout: 20_000 }).toBe('by Ana’s laptop')
    expect(await arrived.locator('.status-shared').textContent()).toBe('Shared')
    await arrived.scrollIntoViewIfNeeded()
    await screenshot(b, 'sync-shared-note-arrived')

    // Only the shared note is in the team folder; each device wrote only its own file.
    const teamFiles = await readdir(join(teamFolder, 'coop-atlas-sync', 'devices'))
    expect(teamFiles).toHaveLength(2)
    for (const file of teamFiles) {
      const envelope = JSON.parse(await readFile(join(teamFolder, 'coop-atlas-sync', 'devices', file), 'utf8')) as { body: string }
      for (const note of (JSON.parse(envelope.body) as { notes: { shared: boolean }[] }).notes) expect(note.shared).toBe(true)
    }

    // The sync folder disappears (a drive unplugged): A says so, and keeps every note.
    await rm(syncFolder, { recursive: true })
    await a.goto(`${serverA.url}#/settings`)
    await syncSection(a).getByRole('button', { name: 'Sync now' }).click()
    await expect
      .poll(() => folderGroup(a, 'Sync folder').getByRole('status').first().textContent())
      .toContain(`The folder ${syncFolder} cannot be found`)
    await screenshot(a, 'sync-folder-missing')
    await a.goto(`${serverA.url}#/org/cecop`)
    await expect.poll(() => a.locator('.note-list .note').count()).toBe(1)

    // Stopping says that nothing was deleted.
    await a.goto(`${serverA.url}#/settings`)
    await folderGroup(a, 'Sync folder').getByRole('button', { name: 'Stop syncing' }).click()
    await expect.poll(() => a.locator('.success').textContent()).toContain('Nothing was deleted')
    expect(await statusOf(a, 'Sync folder')).toBe('Not synchronised: no folder chosen.')
    expect(problems).toEqual([])
  })

  it('words a refused folder and the status in French', async () => {
    const data = await session.folder()
    const server = await session.serve({ dataDir: data })
    const page = await session.browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'fr-FR' })
    const problems = watchPage(page, server.origin)
    await page.goto(`${server.url}#/settings`)
    const choice = page.getByRole('group', { name: 'Dossier de synchronisation' })
    await expect.poll(() => choice.locator('.sync-status').textContent()).toBe('Pas de synchronisation : aucun dossier choisi.')
    // The app's own data folder is refused: the sync tool would copy the notes file itself.
    await choice.getByLabel('Dossier (chemin complet)').fill(data)
    await choice.getByRole('button', { name: 'Utiliser ce dossier' }).click()
    await expect
      .poll(() => choice.getByRole('alert').textContent())
      .toContain('Le dossier de synchronisation ne peut pas être le dossier de données de Coop Atlas')
    await choice.getByRole('alert').scrollIntoViewIfNeeded()
    await screenshot(page, 'sync-settings-fr-refused')
    expect(problems).toEqual([])
  })
})
