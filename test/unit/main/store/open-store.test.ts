import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER, BACKUPS_KEPT, openStore, STORE_FILE } from '../../../../src/main/store/open-store'
import { STORE_VERSION } from '../../../../src/main/store/schema'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const goodStore = (body: string) => ({
  schemaVersion: STORE_VERSION,
  notes: [
    {
      id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f',
      target: { kind: 'organisation', id: 'cecop' },
      body,
      tags: [],
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
    },
  ],
  favourites: [],
  settings: { language: null, theme: 'system' },
})

describe('openStore', () => {
  it('starts an empty store with a schema version in a new folder', async () => {
    const dir = await tempDir()
    const { db, notice } = await openStore(dir)
    expect(notice).toBeNull()
    expect(db.data.notes).toEqual([])
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')).schemaVersion).toBe(STORE_VERSION)
  })

  it('reopens what it wrote', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('kept')))
    const { db } = await openStore(dir)
    expect(db.data.notes[0]?.body).toBe('kept')
  })

  it.each([
    ['empty', ''],
    ['truncated', JSON.stringify(goodStore('x')).slice(0, 40)],
    ['full of NUL bytes', '\0\0\0\0'],
    ['of the wrong shape', JSON.stringify({ schemaVersion: STORE_VERSION, notes: 'many' })],
    ['from a newer version', JSON.stringify({ ...goodStore('x'), schemaVersion: STORE_VERSION + 1 })],
  ])('sets a store that is %s aside, restores the last good backup, and says so', async (_label, bad) => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('from backup')))
    await openStore(dir) // a good open leaves a backup
    await writeFile(join(dir, STORE_FILE), bad)

    const { db, notice } = await openStore(dir)
    expect(db.data.notes[0]?.body).toBe('from backup')
    expect(notice).toMatch(/was kept, untouched, as .+\. The last good backup \(store-.+\.json\) was restored\./)
    const aside = (await readdir(dir)).find((n) => n.startsWith('coop-atlas-store.') && n !== STORE_FILE)
    expect(aside).toBeDefined()
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(bad)
  })

  it('starts empty when nothing good is left, still keeping the bad file', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), '{"half')
    const { db, notice } = await openStore(dir)
    expect(db.data.notes).toEqual([])
    expect(notice).toMatch(/No good backup was found, so an empty store was started/)
    expect((await readdir(dir)).some((n) => n.includes('.corrupt-'))).toBe(true)
  })

  it.skipIf(process.getuid?.() === 0)('refuses to touch a store it may not read', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('x')))
    await chmod(join(dir, STORE_FILE), 0o000)
    await chmod(dir, 0o500)
    await expect(openStore(dir)).rejects.toThrow(/could not be moved aside/)
    await chmod(dir, 0o700)
  })

  it(`keeps the newest ${BACKUPS_KEPT} backups`, async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('x')))
    await mkdir(join(dir, BACKUP_FOLDER), { recursive: true })
    for (let i = 0; i < BACKUPS_KEPT + 3; i++) await writeFile(join(dir, BACKUP_FOLDER, `store-2000-01-${String(i + 10)}.json`), '{}')
    await openStore(dir)
    const names = await readdir(join(dir, BACKUP_FOLDER))
    expect(names).toHaveLength(BACKUPS_KEPT)
    expect(names).not.toContain('store-2000-01-10.json')
  })
})
