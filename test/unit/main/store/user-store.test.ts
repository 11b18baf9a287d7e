import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER, DAILY_KEPT, RECENT_KEPT, backUp } from '../../../../src/main/store/backups'
import { STORE_FILE } from '../../../../src/main/store/snapshot'
import { JOURNAL_FILE, UserStore } from '../../../../src/main/store/user-store'
import { aNote, noteId } from '../../../support/notes'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const note = (id: string, body: string) => ({ ...aNote(0, body), id })
const ID = noteId

describe('UserStore', () => {
  it('acknowledges a change only once it is in the journal on disk', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-note', note: note(ID(1), 'hello') })
    const journal = await readFile(join(dir, JOURNAL_FILE), 'utf8')
    expect(journal).toContain('"body":"hello"')
    await store.close()
  })

  it('comes back with every acknowledged change after a crash (no close, no compaction)', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    await store.apply({ op: 'put-note', note: note(ID(2), 'two') })
    await store.apply({ op: 'delete-note', id: ID(1) })
    await store.apply({ op: 'set-settings', settings: { language: 'fr', theme: 'dark', textSize: 'large', lastRoute: '#/org/cecop' } })
    // Simulated crash: the process dies here; nothing is closed or compacted.
    const reopened = await UserStore.open(dir)
    expect([...reopened.notes.values()].map((n) => n.body)).toEqual(['two'])
    expect(reopened.settings).toEqual({ language: 'fr', theme: 'dark', textSize: 'large', lastRoute: '#/org/cecop' })
    // Opening folded the journal into the snapshot.
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('')
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')).notes).toHaveLength(1)
    await reopened.close()
  })

  it('applies concurrent changes one at a time, in order', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.apply({ op: 'put-note', note: note(ID(1), `v${i}`) })))
    expect(store.notes.get(ID(1))?.body).toBe('v19')
    await store.close()
    const reopened = await UserStore.open(dir)
    expect(reopened.notes.get(ID(1))?.body).toBe('v19')
    await reopened.close()
  })

  it('folds the journal into a snapshot once it grows', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir, { compactAfter: 3 })
    for (let i = 0; i < 3; i++) await store.apply({ op: 'put-note', note: note(ID(i), `n${i}`) })
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('')
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')).notes).toHaveLength(3)
    await store.close()
  })

  it('replays recent changes on top of a restored backup when the snapshot is corrupt', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-note', note: note(ID(1), 'in the backup') })
    await store.close() // compacts and backs up
    const again = await UserStore.open(dir)
    await again.apply({ op: 'put-note', note: note(ID(2), 'only in the journal') })
    await writeFile(join(dir, STORE_FILE), '{"corrupt')
    const recovered = await UserStore.open(dir)
    expect([...recovered.notes.values()].map((n) => n.body).sort()).toEqual(['in the backup', 'only in the journal'])
    expect(recovered.notice).toMatch(/was restored/)
    await recovered.close()
  })
})

describe("the device id (this installation, in every note's version)", () => {
  it('is made at the first start and kept across restarts and crashes', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    const device = { ...store.device }
    expect(device.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(device.name).toBeTruthy()
    expect(JSON.parse((await readFile(join(dir, STORE_FILE), 'utf8')).split('\n')[0]!.replace(/,"bodies":\[$/, '}')).device).toEqual(device)
    await store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    const crashed = await UserStore.open(dir) // no close: as after a crash
    expect(crashed.device).toEqual(device)
    await crashed.close()
    const again = await UserStore.open(dir)
    expect(again.device).toEqual(device)
    await again.close()
  })

  it('is made anew when the store goes back to an older state: a backup restored, a recovery at start', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    const first = store.device.id
    await store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    await store.compact()
    const [backup] = await store.listBackups()
    await store.restoreBackup(backup!.name)
    // Counters given out since the backup could otherwise be given again to another text.
    expect(store.device.id).not.toBe(first)
    expect(store.device.name).toBeTruthy()
    const second = store.device.id
    await store.close()
    await writeFile(join(dir, STORE_FILE), '{"corrupt')
    const recovered = await UserStore.open(dir)
    expect(recovered.notice).toMatch(/was restored/)
    expect(recovered.device.id).not.toBe(second)
    const third = recovered.device.id
    await recovered.close()
    const again = await UserStore.open(dir)
    expect(again.device.id).toBe(third)
    await again.close()
  })

  it('upgrades a version-4 store and the changes a crash left in its log: every note kept, each with its version', async () => {
    const dir = await tempDir()
    const v4 = (n: number, body: string, fields = {}) => {
      const { versions: _v, conflictOf: _c, ...rest } = aNote(n, body, fields)
      return rest
    }
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({
        schemaVersion: 4,
        notes: [v4(1, 'one'), v4(2, 'two')],
        corrections: [],
        favourites: [],
        settings: { language: null, theme: 'system', textSize: 'medium', lastRoute: null },
      }),
    )
    // Version 4 crashed after these: an edit of note 2, a new note 3, an import of notes 4 and 1 (edited).
    const lines = [
      { op: 'put-note', note: v4(2, 'two, edited', { updated: '2026-01-02T00:00:00.000Z', previous: '2026-01-01T00:00:00.000Z' }) },
      { op: 'put-note', note: v4(3, 'three') },
      { op: 'put-notes', notes: [v4(4, 'four'), v4(1, 'one, imported edit', { updated: '2026-01-03T00:00:00.000Z' })] },
    ]
    await writeFile(join(dir, JOURNAL_FILE), lines.map((l) => `${JSON.stringify(l)}\n`).join(''))
    const store = await UserStore.open(dir)
    expect(store.notice).toBeNull()
    const me = store.device.id
    const byId = (n: number) => store.notes.get(ID(n))
    expect([...store.notes.values()].map((n) => n.body).sort()).toEqual(['four', 'one, imported edit', 'three', 'two, edited'])
    expect(byId(1)?.versions).toEqual({ [me]: 2 })
    expect(byId(2)?.versions).toEqual({ [me]: 2 })
    expect(byId(3)?.versions).toEqual({ [me]: 1 })
    expect(byId(4)?.versions).toEqual({ [me]: 1 })
    expect([...store.notes.values()].every((n) => n.conflictOf === null)).toBe(true)
    // Folded into a version-5 snapshot at once; a restart reads the same.
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('')
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toMatch(/"schemaVersion":5/)
    const notes = structuredClone([...store.notes.values()])
    await store.close()
    const again = await UserStore.open(dir)
    expect(again.device.id).toBe(me)
    expect(structuredClone([...again.notes.values()])).toEqual(notes)
    await again.close()
  })
})

describe('backUp', () => {
  it(`keeps the newest ${RECENT_KEPT} snapshots and one a day for ${DAILY_KEPT} days`, async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), '{}')
    for (let day = 1; day <= 12; day++) {
      for (let hour = 0; hour < 2; hour++) await backUp(dir, join(dir, STORE_FILE), new Date(Date.UTC(2026, 0, day, hour)))
    }
    const names = await readdir(join(dir, BACKUP_FOLDER))
    expect(names.filter((n) => n.startsWith('store-'))).toHaveLength(RECENT_KEPT)
    expect(names.filter((n) => n.startsWith('daily-')).sort()).toEqual(
      [6, 7, 8, 9, 10, 11, 12].map((d) => `daily-2026-01-${String(d).padStart(2, '0')}.json`),
    )
    expect(names).toContain('store-2026-01-12T01-00-00-000Z.json')
    expect(names).not.toContain('store-2026-01-01T00-00-00-000Z.json')
  })
})
