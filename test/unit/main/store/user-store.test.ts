import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER, DAILY_KEPT, RECENT_KEPT, backUp } from '../../../../src/main/store/backups'
import { noticeInEnglish } from '../../../../src/main/store/notice-english'
import { STORE_FILE } from '../../../../src/main/store/snapshot'
import { JOURNAL_FILE, UserStore, type JournalEntry } from '../../../../src/main/store/user-store'
import { STORE_VERSION } from '../../../../src/main/store/schema'
import { aNote, minute, noteId, TEST_DEVICE } from '../../../support/notes'
import { MAX_NOTE_BYTES } from '../../../../src/shared/note-rules'
import type { Note } from '../../../../src/shared/domain'
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

  it('folds the journal into a snapshot once it grows, after answering the save that reached the threshold', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir, { compactAfter: 3 })
    for (let i = 0; i < 3; i++) await store.apply({ op: 'put-note', note: note(ID(i), `n${i}`) })
    // Answered once in the journal: the fold comes next, in the queue (a save never waits for it to be answered).
    expect(store.changesSinceFold).toBe(3)
    await store.idle()
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('')
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')).notes).toHaveLength(3)
    await store.close()
  })

  it('goes on saving while a fold writes the snapshot: the journal then keeps only what came after it', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir, { compactAfter: 3 })
    for (let i = 0; i < 3; i++) await store.apply({ op: 'put-note', note: note(ID(i), `n${i}`) })
    // The fold has begun (the state of three changes taken); these two are saved while it writes.
    await store.apply({ op: 'put-note', note: note(ID(3), 'during the fold') })
    await store.apply({ op: 'put-note', note: note(ID(0), 'n0 edited during the fold') })
    await store.idle()
    const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n').filter(Boolean)
    const snapshotNotes = (JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as { notes: { id: string }[] }).notes
    // The state was taken as the third change was saved: the snapshot has three notes, the journal the two after.
    expect(snapshotNotes.map((n) => n.id).sort()).toEqual([ID(0), ID(1), ID(2)])
    expect(lines.map((l) => (JSON.parse(l) as { note: { body: string } }).note.body)).toEqual([
      'during the fold',
      'n0 edited during the fold',
    ])
    expect(store.changesSinceFold).toBe(2)
    await store.close()
    const reopened = await UserStore.open(dir)
    expect([...reopened.notes.values()].map((n) => n.body).sort()).toEqual(['during the fold', 'n0 edited during the fold', 'n1', 'n2'])
    await reopened.close()
  })

  it('never writes a fold whose state would not read back: the journal keeps every change, and a later fold writes', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir, { compactAfter: 3 })
    const before = await readFile(join(dir, STORE_FILE))
    // A state no change could make (every change is checked): what a bug elsewhere could leave in memory.
    const settings = store.settings
    store.settings = { ...settings, textSize: 'enormous' as 'large' }
    for (let i = 0; i < 3; i++) await store.apply({ op: 'put-note', note: note(ID(i), `n${i}`) })
    await store.idle()
    expect(await readFile(join(dir, STORE_FILE))).toEqual(before)
    expect(store.changesSinceFold).toBe(3)
    store.settings = settings
    await store.apply({ op: 'put-note', note: note(ID(3), 'n3') })
    await store.idle()
    expect(store.changesSinceFold).toBe(0)
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')).notes).toHaveLength(4)
    await store.close()
  })

  it('keeps every change when a whole fold (a backup, a quit) comes while a fold after a long journal writes', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir, { compactAfter: 3 })
    for (let i = 0; i < 3; i++) await store.apply({ op: 'put-note', note: note(ID(i), `n${i}`) })
    const during = store.apply({ op: 'put-note', note: note(ID(3), 'n3') })
    const whole = store.compact()
    const after = store.apply({ op: 'put-note', note: note(ID(4), 'n4') })
    await Promise.all([during, whole, after])
    await store.close()
    const reopened = await UserStore.open(dir)
    expect([...reopened.notes.values()].map((n) => n.body).sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4'])
    await reopened.close()
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
    expect(noticeInEnglish(recovered.notice)).toMatch(/was restored/)
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
    expect(noticeInEnglish(recovered.notice)).toMatch(/was restored/)
    expect(recovered.device.id).not.toBe(second)
    const third = recovered.device.id
    await recovered.close()
    const again = await UserStore.open(dir)
    expect(again.device.id).toBe(third)
    await again.close()
  })

  it('refuses to restore a backup that holds nothing, even asked directly, and changes nothing', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.compact() // a backup of the empty store
    const [empty] = await store.listBackups()
    expect(empty).toMatchObject({ empty: true })
    await store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    await expect(store.restoreBackup(empty!.name)).rejects.toMatchObject({
      wording: { key: 'backup-empty', values: { name: empty!.name } },
    })
    expect([...store.notes.keys()]).toEqual([ID(1)])
    await store.close()
    const again = await UserStore.open(dir)
    expect([...again.notes.keys()]).toEqual([ID(1)])
    await again.close()
  })

  it('upgrades a version-4 store and the changes a crash left in its log: every note kept, each with its version', async () => {
    const dir = await tempDir()
    const v4 = (n: number, body: string, fields = {}) => {
      const { versions: _v, conflictOf: _c, shared: _s, author: _a, ...rest } = aNote(n, body, fields)
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
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toMatch(new RegExp(`"schemaVersion":${STORE_VERSION}`))
    expect([...store.notes.values()].every((n) => n.shared === false && n.author === null)).toBe(true)
    const notes = structuredClone([...store.notes.values()])
    await store.close()
    const again = await UserStore.open(dir)
    expect(again.device.id).toBe(me)
    expect(structuredClone([...again.notes.values()])).toEqual(notes)
    await again.close()
  })
})

describe('corrections withdrawn (their tombstones)', () => {
  const correction = (n: number) => ({
    id: ID(100 + n),
    target: { kind: 'organisation' as const, id: 'cecop' },
    fact: 'Founded',
    kind: 'wrong' as const,
    correction: `correction ${n}`,
    source: '',
    created: minute(n),
  })

  it('keeps a withdrawal and its tombstone in one step across a crash; a withdrawn correction put back stays withdrawn', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-correction', correction: correction(1) })
    await store.apply({ op: 'put-correction', correction: correction(2) })
    await store.apply({ op: 'delete-correction', id: ID(101), deleted: minute(9) })
    // A change without the date of the withdrawal would leave no tombstone: it is refused.
    await expect(store.apply({ op: 'delete-correction', id: ID(102) } as never)).rejects.toMatchObject({ code: 'invalid-input' })
    const crashed = await UserStore.open(dir) // no close: as after a crash
    expect([...crashed.corrections.values()]).toEqual([correction(2)])
    expect([...crashed.correctionTombstones.values()]).toEqual([{ id: ID(101), deleted: minute(9) }])
    // Brought back from a file set aside, say: a withdrawal is final.
    await crashed.apply({ op: 'put-correction', correction: correction(1) })
    expect(crashed.corrections.has(ID(101))).toBe(false)
    await crashed.close()
    const again = await UserStore.open(dir)
    expect([...again.corrections.keys()]).toEqual([ID(102)])
    expect([...again.correctionTombstones.keys()]).toEqual([ID(101)])
    await again.close()
  })

  it('keeps the corrections and withdrawals a merge brought across a crash', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-correction', correction: correction(1) })
    const tombstone = { id: ID(101), deleted: minute(9) }
    await store.apply({
      op: 'merge',
      notes: [note(ID(1), 'one')],
      remove: [],
      tombstones: [],
      corrections: [correction(2), correction(3)],
      correctionTombstones: [tombstone, { id: ID(103), deleted: minute(8) }],
    })
    expect([...store.corrections.keys()]).toEqual([ID(102)])
    const crashed = await UserStore.open(dir)
    expect([...crashed.corrections.values()]).toEqual([correction(2)])
    expect([...crashed.correctionTombstones.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      tombstone,
      { id: ID(103), deleted: minute(8) },
    ])
    expect(crashed.notes.get(ID(1))?.body).toBe('one')
    await crashed.close()
  })

  it('opens a version-6 store with corrections, and replays the withdrawals its change log holds (no date then)', async () => {
    const dir = await tempDir()
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({
        schemaVersion: 6,
        device: { id: TEST_DEVICE, name: 'before' },
        notes: [aNote(1, 'one')],
        tombstones: [],
        corrections: [correction(1), correction(2)],
        favourites: [],
        settings: { language: null, theme: 'system', textSize: 'medium', lastRoute: null },
        sync: { folder: null, teamFolder: null },
      }),
    )
    // Version 6 crashed after these: a withdrawal, a new correction, and a merge (without corrections then).
    const lines = [
      { op: 'delete-correction', id: ID(101) },
      { op: 'put-correction', correction: correction(3) },
      { op: 'merge', notes: [aNote(2, 'two')], remove: [], tombstones: [] },
    ]
    await writeFile(join(dir, JOURNAL_FILE), lines.map((l) => `${JSON.stringify(l)}\n`).join(''))
    const before = Date.now()
    const store = await UserStore.open(dir)
    expect(store.notice).toBeNull()
    expect([...store.corrections.keys()].sort()).toEqual([ID(102), ID(103)])
    const [tombstone] = [...store.correctionTombstones.values()]
    expect(tombstone?.id).toBe(ID(101))
    expect(Date.parse(tombstone!.deleted)).toBeGreaterThanOrEqual(before - 1000)
    expect([...store.notes.values()].map((n) => n.body)).toEqual(['one', 'two'])
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toMatch(new RegExp(`"schemaVersion":${STORE_VERSION}`))
    await store.close()
    const again = await UserStore.open(dir)
    expect([...again.correctionTombstones.values()]).toEqual([tombstone])
    expect([...again.corrections.keys()].sort()).toEqual([ID(102), ID(103)])
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

describe('changes decided in the queue, tombstones and sync folders', () => {
  it('replays a change log left by version 5 (notes without a shared mark or author): each kept, personal', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    await store.close()
    const v5 = (n: number, body: string) => {
      const { shared: _s, author: _a, ...rest } = aNote(n, body)
      return rest
    }
    await writeFile(
      join(dir, JOURNAL_FILE),
      [
        { op: 'put-note', note: v5(2, 'two') },
        { op: 'put-notes', notes: [v5(3, 'three')] },
        { op: 'delete-note', id: ID(1) },
      ]
        .map((l) => `${JSON.stringify(l)}\n`)
        .join(''),
    )
    const again = await UserStore.open(dir)
    expect(again.notice).toBeNull()
    expect([...again.notes.values()]).toEqual([aNote(2, 'two'), aNote(3, 'three')])
    await again.close()
  })

  it('decides a change on the store as the changes before it left it, and a refusal changes nothing', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    const seen: string[] = []
    store.onChange((entry, source) => seen.push(`${entry?.op ?? 'whole'} ${source ?? ''}`))
    const first = store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    // Queued behind the first: it sees the note the first puts.
    const second = store.transact(() => {
      const current = store.notes.get(ID(1))
      return { entry: { op: 'put-note', note: { ...current!, body: `${current!.body}, two` } }, result: current!.body }
    }, 'test')
    const refused = store.transact(() => {
      throw new Error('no')
    })
    await first
    expect(await second).toBe('one')
    await expect(refused).rejects.toThrow('no')
    expect(store.notes.get(ID(1))?.body).toBe('one, two')
    expect(seen).toEqual(['put-note ', 'put-note test'])
    // A change that would not read back is refused before anything is written.
    await expect(
      store.transact(() => ({ entry: { op: 'put-note', note: { ...note(ID(2), 'x'), versions: {} } }, result: 0 })),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    })
    expect(store.notes.has(ID(2))).toBe(false)
    await store.close()
  })

  it('refuses a change of many notes (an import, a merge) that would not read back, whichever part of it is wrong', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    const good = Array.from({ length: 50 }, (_, i) => note(ID(i + 1), `note ${i}`))
    const merge = { op: 'merge' as const, notes: good, remove: [], tombstones: [] }
    const wrong: [string, JournalEntry][] = [
      ['a body too long', { ...merge, notes: [...good, note(ID(90), 'x'.repeat(MAX_NOTE_BYTES + 1))] }],
      ['a note with a key too many', { op: 'put-notes', notes: [...good, { ...note(ID(91), 'x'), extra: 1 } as Note] }],
      ['a note without a version', { ...merge, notes: [...good, { ...note(ID(92), 'x'), versions: {} }] }],
      ['a tombstone without a version', { ...merge, tombstones: [{ id: ID(93), versions: {}, deleted: minute(1), shared: false }] }],
      ['a removal that is not text', { ...merge, remove: [7 as unknown as string] }],
    ]
    for (const [what, entry] of wrong)
      await expect(
        store.transact(() => ({ entry, result: 0 })),
        what,
      ).rejects.toMatchObject({ code: 'invalid-input' })
    expect(store.notes.size).toBe(0)
    // The same change, right, is written, and reads back after a restart.
    await store.transact(() => ({ entry: merge, result: 0 }))
    await store.close()
    const reopened = await UserStore.open(dir)
    expect([...reopened.notes.values()].map((n) => n.body).sort()).toEqual(good.map((n) => n.body).sort())
    await reopened.close()
  })

  it('keeps tombstones, removals and the sync folders across a crash and a restart', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-notes', notes: [note(ID(1), 'one'), note(ID(2), 'two')] })
    const tombstone = { id: ID(1), versions: { [TEST_DEVICE]: 1 }, deleted: minute(5), shared: false }
    await store.apply({ op: 'merge', notes: [note(ID(3), 'three')], remove: [ID(1)], tombstones: [tombstone] })
    await store.apply({ op: 'set-sync', sync: { folder: '/media/usb/Sync', teamFolder: null } })
    const crashed = await UserStore.open(dir) // no close: as after a crash
    expect([...crashed.notes.keys()].sort()).toEqual([ID(2), ID(3)])
    expect([...crashed.tombstones.values()]).toEqual([tombstone])
    expect(crashed.sync).toEqual({ folder: '/media/usb/Sync', teamFolder: null })
    await crashed.close()
    const again = await UserStore.open(dir)
    expect([...again.tombstones.values()]).toEqual([tombstone])
    expect(again.sync.folder).toBe('/media/usb/Sync')
    await again.close()
  })

  it('takes a new device id on request, at once on disk, keeping every note and its name', async () => {
    const dir = await tempDir()
    const store = await UserStore.open(dir)
    await store.apply({ op: 'put-note', note: note(ID(1), 'one') })
    const before = { ...store.device }
    let told = 0
    store.onChange((entry) => (told += entry === null ? 1 : 0))
    const renewed = await store.renewDevice()
    expect(renewed.id).not.toBe(before.id)
    expect(renewed.name).toBe(before.name)
    expect(told).toBe(1)
    const crashed = await UserStore.open(dir)
    expect(crashed.device).toEqual(renewed)
    expect(crashed.notes.get(ID(1))?.body).toBe('one')
    await crashed.close()
  })
})
