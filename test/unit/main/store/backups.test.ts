/** What Settings is told of each backup: whether it holds anything to go back to, and when it was made. */
import { utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER, describeBackup, holdsNothing } from '../../../../src/main/store/backups'
import { UserStore } from '../../../../src/main/store/user-store'
import { aNote, noteId } from '../../../support/notes'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

describe('an empty backup', () => {
  it('is marked empty when it holds no notes, corrections or pins (the one of a fresh store), and only then', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.compact() // a backup of the fresh, empty store
    const fresh = await store.listBackups()
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.every((b) => b.empty && b.notes === 0)).toBe(true)

    await store.apply({ op: 'set-favourites', favourites: ['cecop'] })
    await store.compact()
    const [pinned] = await store.listBackups()
    expect(pinned).toMatchObject({ notes: 0, empty: false }) // a pin is worth going back to

    await store.apply({ op: 'put-note', note: { ...aNote(0, 'hello'), id: noteId(1) } })
    await store.compact()
    const [withNote] = await store.listBackups()
    expect(withNote).toMatchObject({ notes: 1, empty: false })
    await store.close()
  })

  it('is one with nothing the user made, whatever the preferences', () => {
    const none = { notes: [], tombstones: [], corrections: [], correctionTombstones: [], favourites: [] }
    expect(holdsNothing(none)).toBe(true)
    expect(holdsNothing({ ...none, favourites: ['cecop'] })).toBe(false)
    expect(holdsNothing({ ...none, tombstones: [{ id: noteId(1), deleted: '2026-01-01T00:00:00.000Z' }] } as never)).toBe(false)
  })

  it('is not one that cannot be read: that one is listed with its problem', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.compact()
    const [first] = await store.listBackups()
    await writeFile(join(dir, BACKUP_FOLDER, first!.name), '{"broken')
    const [broken] = await store.listBackups()
    expect(broken).toMatchObject({ name: first!.name, notes: null, empty: false })
    await store.close()
  })
})

describe('when a backup was made', () => {
  it('gives a day’s backup the time it was last written, so every row reads the same way', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.compact()
    const today = new Date().toISOString().slice(0, 10)
    const written = new Date(`${today}T00:41:07.000Z`)
    await utimes(join(dir, BACKUP_FOLDER, `daily-${today}.json`), written, written)
    const listed = await store.listBackups()
    await store.close()
    const day = listed.find((b) => b.name === `daily-${today}.json`)
    expect(day?.when).toBe(written.toISOString())
  })

  it('keeps the day alone when the file’s time is of another day (copied, or made with a given date)', () => {
    const other = new Date('2026-01-03T10:00:00.000Z')
    expect(describeBackup('daily-2026-01-02.json', { notes: 0, problem: null, empty: true }, other).when).toBe('2026-01-02T00:00:00.000Z')
    expect(describeBackup('store-2026-01-02T10-11-12-000Z.json', { notes: 0, problem: null, empty: true }, other).when).toBe(
      '2026-01-02T10:11:12.000Z',
    )
    expect(describeBackup('store-2026-01-02T10-11-12-000Z-1.json', { notes: 0, problem: null, empty: true }, null).when).toBe(
      '2026-01-02T10:11:12.000Z',
    )
  })
})
