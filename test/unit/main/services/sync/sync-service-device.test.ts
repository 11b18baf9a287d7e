/**
 * What Settings › Sync relies on beyond the exchange itself: the device's name (renamed, kept, sent), the refusals
 * named for the renderer to word, when an exchange changed notes here (for open views to follow), and the ceiling
 * on how long a burst of saves puts the exchange off.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeDeviceFile, deviceFileName, devicesFolder } from '../../../../../src/main/services/sync/folder-format'
import { useTempDirs } from '../../../../support/temp-dir'
import { cecop, useDevices } from './devices'

const tempDir = useTempDirs()
const { device } = useDevices(tempDir)

const readOwnFile = async (folder: string, id: string) => {
  const reading = decodeDeviceFile(await readFile(join(devicesFolder(folder), deviceFileName(id))))
  if (reading.kind !== 'ok') throw new Error(`own file not readable: ${reading.kind}`)
  return reading.file
}

describe("the device's name", () => {
  it('is renamed at once in the folder, kept across a restart, and names the author of notes written after', async () => {
    const folder = await tempDir()
    const a = await device()
    await a.sync.setFolder(folder)
    const before = await a.notes.create(cecop, 'written before the rename')
    await a.exchange()
    const status = await a.sync.renameDevice('Ana’s laptop')
    expect(status.device).toEqual({ id: a.store.device.id, name: 'Ana’s laptop' })
    // The file other devices read says the new name, though no note changed.
    expect((await readOwnFile(folder, a.store.device.id)).device.name).toBe('Ana’s laptop')
    const after = await a.notes.create(cecop, 'written after')
    expect(after.author?.name).toBe('Ana’s laptop')
    // A note keeps the name it was written under.
    expect(a.all().get(before.id)!.author?.name).not.toBe('Ana’s laptop')
    const { dir } = a
    const id = a.store.device.id
    await a.close()
    const again = await device({ dir })
    expect(again.store.device).toEqual({ id, name: 'Ana’s laptop' })
  })
})

describe('refusals worded by the renderer', () => {
  it.each([
    ['a relative path', () => 'Sync', 'folder-not-absolute'],
    ['a folder that does not exist', async () => join(await tempDir(), 'nope'), 'folder-missing'],
    ['a file', async () => join(await tempDir(), 'file.txt'), 'folder-is-file'],
    ['the root of the drive', () => '/', 'folder-whole-drive'],
  ])('names %s with its key, the role and the folder', async (_label, given, key) => {
    const d = await device()
    const path = await given()
    if (path.endsWith('file.txt')) await writeFile(path, 'x')
    await expect(d.sync.setTeamFolder(path)).rejects.toMatchObject({ wording: { key, values: { role: 'team', folder: path } } })
  })

  it('names the data folder and the other folder when a choice would overlap them', async () => {
    const d = await device()
    await expect(d.sync.setFolder(d.dir)).rejects.toMatchObject({
      wording: { key: 'folder-data-folder', values: { role: 'sync', dataFolder: expect.any(String) } },
    })
    const mine = await tempDir()
    await d.sync.setFolder(mine)
    await mkdir(join(mine, 'team'))
    await expect(d.sync.setTeamFolder(join(mine, 'team'))).rejects.toMatchObject({
      wording: { key: 'folder-overlap', values: { role: 'team', other: mine } },
    })
  })
})

describe('when an exchange changed notes here', () => {
  it('is told by the status, and only when notes did change', async () => {
    const folder = await tempDir()
    const a = await device()
    const b = await device()
    await a.sync.setFolder(folder)
    await b.sync.setFolder(folder)
    expect(b.sync.status().notesChanged).toBeNull()
    await a.notes.create(cecop, 'arrives on B')
    await a.exchange()
    const changed = (await b.exchange()).notesChanged
    expect(changed).not.toBeNull()
    // Nothing new: the time stays.
    await a.exchange()
    expect((await b.exchange()).notesChanged).toBe(changed)
  })
})

describe('a burst of saves', () => {
  it('is exchanged within the ceiling, though saves keep coming faster than the debounce', async () => {
    const folder = await tempDir()
    const a = await device({ debounceMs: 300, maxWaitMs: 600 })
    await a.sync.setFolder(folder)
    let note = await a.notes.create(cecop, 'typing 0')
    // Saves every 100 ms for 1.5 s: without a ceiling, a 300 ms debounce would wait until they stop.
    let seenWhileTyping = false
    for (let i = 1; i <= 15; i++) {
      await new Promise((r) => setTimeout(r, 100))
      note = (await a.notes.update(note.id, { body: `typing ${i}` }, note.versions)).note
      const own = await readOwnFile(folder, a.store.device.id)
      if (own.replica.notes.some((n) => n.id === note.id)) seenWhileTyping = true
    }
    expect(seenWhileTyping).toBe(true)
  })
})
