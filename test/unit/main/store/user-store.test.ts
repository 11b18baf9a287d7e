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
