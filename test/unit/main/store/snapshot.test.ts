import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER } from '../../../../src/main/store/backups'
import { STORE_VERSION } from '../../../../src/main/store/schema'
import { readSnapshot, STORE_FILE } from '../../../../src/main/store/snapshot'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

export const goodStore = (body: string) => ({
  schemaVersion: STORE_VERSION,
  notes: [
    {
      id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f',
      target: { kind: 'organisation', id: 'cecop' },
      body,
      tags: [],
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      trashed: null,
      previous: null,
    },
  ],
  corrections: [],
  favourites: [],
  settings: { language: null, theme: 'system', textSize: 'medium', lastRoute: null },
})

describe('readSnapshot', () => {
  it('starts empty, and dirty, in a new folder', async () => {
    const { data, dirty, notice } = await readSnapshot(await tempDir())
    expect(data.notes).toEqual([])
    expect(dirty).toBe(true)
    expect(notice).toBeNull()
  })

  it('migrates a version-1 store, keeping every note', async () => {
    const dir = await tempDir()
    const v1 = {
      schemaVersion: 1,
      notes: [{ ...goodStore('old note').notes[0], trashed: undefined, previous: undefined }],
      favourites: ['cecop'],
      settings: { language: 'es', theme: 'dark' },
    }
    await writeFile(join(dir, STORE_FILE), JSON.stringify(v1))
    const { data, dirty, notice } = await readSnapshot(dir)
    expect(notice).toBeNull()
    expect(dirty).toBe(true)
    expect(data.schemaVersion).toBe(STORE_VERSION)
    expect(data.notes).toEqual([expect.objectContaining({ body: 'old note', trashed: null, previous: null })])
    expect(data.favourites).toEqual(['cecop'])
    expect(data.settings).toEqual({ language: 'es', theme: 'dark', textSize: 'medium', lastRoute: null })
    expect(data.corrections).toEqual([])
  })

  it('reads a good snapshot as it is', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('kept')))
    const { data, dirty } = await readSnapshot(dir)
    expect(data.notes[0]?.body).toBe('kept')
    expect(dirty).toBe(false)
  })

  it.each([
    ['empty', '', 'empty'],
    ['truncated', JSON.stringify(goodStore('x')).slice(0, 40), 'corrupt'],
    ['full of NUL bytes', '\0\0\0\0', 'corrupt'],
    ['of the wrong shape', JSON.stringify({ schemaVersion: STORE_VERSION, notes: 'many' }), 'wrong-shape'],
    ['without a version', JSON.stringify({ notes: [] }), 'wrong-shape'],
    ['from a newer version', JSON.stringify({ ...goodStore('x'), schemaVersion: STORE_VERSION + 1 }), 'newer-version'],
  ])('sets a snapshot that is %s aside untouched and restores the newest good backup', async (_label, bad, tag) => {
    const dir = await tempDir()
    await mkdir(join(dir, BACKUP_FOLDER))
    await writeFile(join(dir, BACKUP_FOLDER, 'store-2026-01-01T00-00-00-000Z.json'), JSON.stringify(goodStore('older backup')))
    await writeFile(join(dir, BACKUP_FOLDER, 'store-2026-02-01T00-00-00-000Z.json'), JSON.stringify(goodStore('newest backup')))
    await writeFile(join(dir, BACKUP_FOLDER, 'store-2026-03-01T00-00-00-000Z.json'), '{"broken backup')
    await writeFile(join(dir, STORE_FILE), bad)

    const { data, notice, dirty } = await readSnapshot(dir)
    expect(data.notes[0]?.body).toBe('newest backup')
    expect(dirty).toBe(true)
    expect(notice).toMatch(
      /It was kept, untouched, as .+; Settings lists it .+ The last good backup \(store-2026-02-01T00-00-00-000Z\.json\) was restored; every earlier backup was kept in .+kept-/,
    )
    const aside = (await readdir(dir)).find((n) => n.startsWith(`coop-atlas-store.${tag}-`))
    expect(aside).toBeDefined()
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(bad)
    // Every backup there was, the unreadable one too, is kept whole where the rotation never reaches.
    const kept = (await readdir(join(dir, BACKUP_FOLDER))).filter((n) => n.startsWith('kept-'))
    expect(kept).toHaveLength(1)
    expect((await readdir(join(dir, BACKUP_FOLDER, kept[0]!))).sort()).toEqual([
      'store-2026-01-01T00-00-00-000Z.json',
      'store-2026-02-01T00-00-00-000Z.json',
      'store-2026-03-01T00-00-00-000Z.json',
    ])
  })

  it('starts empty when no backup is good, still keeping the bad file, and says so', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), '{"half')
    const { data, notice } = await readSnapshot(dir)
    expect(data.notes).toEqual([])
    expect(notice).toMatch(/No good backup was found, so an empty store was started/)
    expect((await readdir(dir)).some((n) => n.includes('.corrupt-'))).toBe(true)
  })

  it.skipIf(process.getuid?.() === 0)('refuses to touch a snapshot it may neither read nor move', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('x')))
    await chmod(join(dir, STORE_FILE), 0o000)
    await chmod(dir, 0o500)
    try {
      await expect(readSnapshot(dir)).rejects.toThrow(/could not be moved aside/)
    } finally {
      await chmod(dir, 0o700)
    }
  })
})
