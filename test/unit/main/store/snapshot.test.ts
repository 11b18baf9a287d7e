import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER } from '../../../../src/main/store/backups'
import { noticeInEnglish } from '../../../../src/main/store/notice-english'
import { STORE_VERSION } from '../../../../src/main/store/schema'
import { aNote, noteId } from '../../../support/notes'
import { readSnapshot, STORE_FILE } from '../../../../src/main/store/snapshot'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const DEVICE = { id: '00000000-0000-4000-8000-00000000d0d1', name: 'test machine' }

export const goodStore = (body: string) => ({
  schemaVersion: STORE_VERSION,
  device: DEVICE,
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
      versions: { [DEVICE.id]: 1 },
      conflictOf: null,
      shared: false,
      author: null,
    },
  ],
  tombstones: [],
  corrections: [],
  correctionTombstones: [],
  favourites: [],
  settings: { language: null, theme: 'system', textSize: 'medium', lastRoute: null },
  sync: { folder: null, teamFolder: null },
})

const CORRECTION = {
  id: '5b0f4e2a-9c1d-4e8f-a2b3-c4d5e6f70819',
  target: { kind: 'organisation', id: 'cecop' },
  fact: 'Founded',
  kind: 'wrong',
  correction: 'It was founded in 1979.',
  source: 'https://example.org/history',
  created: '2026-01-02T00:00:00.000Z',
}

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
      notes: [
        {
          ...goodStore('old note').notes[0],
          trashed: undefined,
          previous: undefined,
          versions: undefined,
          conflictOf: undefined,
          shared: undefined,
          author: undefined,
        },
      ],
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

  it('migrates a version-4 store: this installation gets a device id, every note a version (and, at 6, personal, author unknown), nothing is lost', async () => {
    const dir = await tempDir()
    /** A note as version 4 kept it: no version, no conflict mark (nor shared mark or author, which came at 6). */
    const v4note = (n: number, body: string, fields = {}) => {
      const { versions: _v, conflictOf: _c, shared: _s, author: _a, ...rest } = aNote(n, body, fields)
      return rest
    }
    const notes = [
      v4note(1, 'one', { tags: ['board'] }),
      v4note(2, 'two, in the trash', { trashed: '2026-01-02T00:00:00.000Z' }),
      v4note(3, 'three, edited', { updated: '2026-01-03T00:00:00.000Z', previous: '2026-01-01T00:00:00.000Z' }),
    ]
    const v4 = {
      schemaVersion: 4,
      notes,
      corrections: [],
      favourites: ['cecop'],
      settings: { language: 'fr', theme: 'dark', textSize: 'large', lastRoute: '#/org/cecop' },
    }
    await writeFile(join(dir, STORE_FILE), JSON.stringify(v4))
    const { data, dirty, notice } = await readSnapshot(dir)
    expect(notice).toBeNull()
    expect(dirty).toBe(true)
    expect(data.schemaVersion).toBe(STORE_VERSION)
    expect(data.device).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: expect.any(String) })
    expect(data.device.name.length).toBeGreaterThan(0)
    expect(data.notes).toEqual(
      notes.map((n) => ({ ...n, versions: { [data.device.id]: 1 }, conflictOf: null, shared: false, author: null })),
    )
    expect(data.tombstones).toEqual([])
    expect(data.sync).toEqual({ folder: null, teamFolder: null })
    expect(data.notes.map((n) => n.id)).toEqual([noteId(1), noteId(2), noteId(3)])
    expect(data.favourites).toEqual(['cecop'])
    expect(data.settings).toEqual(v4.settings)
  })

  it('migrates a version-5 store to 6: every note personal, its author not known, no tombstones, no sync folder', async () => {
    const dir = await tempDir()
    const { tombstones: _t, sync: _s, ...rest } = goodStore('from version 5')
    const v5 = {
      ...rest,
      schemaVersion: 5,
      notes: rest.notes.map(({ shared: _shared, author: _author, ...note }) => ({ ...note, conflictOf: noteId(9) })),
    }
    await writeFile(join(dir, STORE_FILE), JSON.stringify(v5))
    const { data, dirty, notice } = await readSnapshot(dir)
    expect(notice).toBeNull()
    expect(dirty).toBe(true)
    expect(data.schemaVersion).toBe(STORE_VERSION)
    expect(data.device).toEqual(DEVICE)
    expect(data.notes).toEqual(v5.notes.map((n) => ({ ...n, shared: false, author: null })))
    expect(data.tombstones).toEqual([])
    expect(data.sync).toEqual({ folder: null, teamFolder: null })
  })

  it('migrates a version-6 store to 7: its corrections kept as they were, none withdrawn yet', async () => {
    const dir = await tempDir()
    const { correctionTombstones: _t, ...rest } = goodStore('from version 6')
    const v6 = { ...rest, schemaVersion: 6, corrections: [CORRECTION] }
    await writeFile(join(dir, STORE_FILE), JSON.stringify(v6))
    const { data, dirty, notice } = await readSnapshot(dir)
    expect(notice).toBeNull()
    expect(dirty).toBe(true)
    expect(data.schemaVersion).toBe(STORE_VERSION)
    expect(data.corrections).toEqual([CORRECTION])
    expect(data.correctionTombstones).toEqual([])
    expect(data.notes).toEqual(v6.notes)
    expect(data.device).toEqual(DEVICE)
  })

  it('keeps the good records of a store whose corrections or their tombstones are bad; a withdrawn one stays withdrawn', async () => {
    const dir = await tempDir()
    const withdrawn = { ...CORRECTION, id: noteId(21) }
    const tombstone = { id: withdrawn.id, deleted: '2026-01-03T00:00:00.000Z' }
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({
        ...goodStore('kept'),
        corrections: [CORRECTION, CORRECTION, withdrawn, { ...CORRECTION, id: noteId(22), kind: 'misspelt' }],
        correctionTombstones: [tombstone, { id: 'not-a-uuid', deleted: '2026-01-03T00:00:00.000Z' }],
      }),
    )
    const { data, notice } = await readSnapshot(dir)
    expect(notice).toMatchObject([{ key: 'records-set-aside', values: { apart: 2, mended: 0 } }])
    expect(noticeInEnglish(notice)).toMatch(/2 records of your notes file could not be read/)
    expect(data.notes.map((n) => n.body)).toEqual(['kept'])
    // The same correction twice is one; the one withdrawn is not brought back by a copy of it left in the file.
    expect(data.corrections).toEqual([CORRECTION])
    expect(data.correctionTombstones).toEqual([tombstone])
  })

  it('keeps the good records of a version-6 store whose tombstone or sync folders are bad', async () => {
    const dir = await tempDir()
    const good = { id: noteId(5), versions: { [DEVICE.id]: 2 }, deleted: '2026-01-02T00:00:00.000Z', shared: false }
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({ ...goodStore('kept'), tombstones: [good, { ...good, id: 'x' }], sync: { folder: 42, teamFolder: null } }),
    )
    const { data, notice } = await readSnapshot(dir)
    expect(noticeInEnglish(notice)).toMatch(/could not be read/)
    expect(data.notes.map((n) => n.body)).toEqual(['kept'])
    expect(data.tombstones).toEqual([good])
    expect(data.sync).toEqual({ folder: null, teamFolder: null })
  })

  it("keeps the good notes of a version-5 store whose device record or one note's version is bad", async () => {
    const dir = await tempDir()
    const doc = goodStore('good')
    const badVersion = { ...doc.notes[0], id: noteId(2), body: 'version unreadable', versions: { laptop: 1 } }
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({ ...doc, device: { id: 'not-a-uuid', name: '' }, notes: [...doc.notes, badVersion] }),
    )
    const { data, notice } = await readSnapshot(dir)
    expect(notice).toMatchObject([{ key: 'records-set-aside', values: { mended: 1 } }])
    expect(noticeInEnglish(notice)).toMatch(/mended/)
    expect(data.device.id).not.toBe('not-a-uuid')
    expect(data.notes.map((n) => n.body)).toEqual(['good', 'version unreadable'])
    // The note whose version could not be read is kept as one change on this installation.
    expect(data.notes[1]!.versions).toEqual({ [data.device.id]: 1 })
  })

  it('reads a good snapshot as it is', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('kept')))
    const { data, dirty } = await readSnapshot(dir)
    expect(data.notes[0]?.body).toBe('kept')
    expect(dirty).toBe(false)
  })

  it.each([
    ['empty', '', 'empty', 'empty'],
    ['truncated', JSON.stringify(goodStore('x')).slice(0, 40), 'corrupt', 'not-json'],
    ['full of NUL bytes', '\0\0\0\0', 'corrupt', 'not-json'],
    ['of the wrong shape', JSON.stringify({ schemaVersion: STORE_VERSION, notes: 'many' }), 'wrong-shape', 'invalid-contents'],
    ['without a version', JSON.stringify({ notes: [] }), 'wrong-shape', 'no-version'],
    ['from a newer version', JSON.stringify({ ...goodStore('x'), schemaVersion: STORE_VERSION + 1 }), 'newer-version', 'newer-version'],
  ])('sets a snapshot that is %s aside untouched and restores the newest good backup', async (_label, bad, tag, problemKey) => {
    const dir = await tempDir()
    await mkdir(join(dir, BACKUP_FOLDER))
    await writeFile(join(dir, BACKUP_FOLDER, 'store-2026-01-01T00-00-00-000Z.json'), JSON.stringify(goodStore('older backup')))
    await writeFile(join(dir, BACKUP_FOLDER, 'store-2026-02-01T00-00-00-000Z.json'), JSON.stringify(goodStore('newest backup')))
    await writeFile(join(dir, BACKUP_FOLDER, 'store-2026-03-01T00-00-00-000Z.json'), '{"broken backup')
    await writeFile(join(dir, STORE_FILE), bad)

    const { data, notice, dirty } = await readSnapshot(dir)
    expect(data.notes[0]?.body).toBe('newest backup')
    expect(dirty).toBe(true)
    expect(noticeInEnglish(notice)).toMatch(
      /It was kept, untouched, as .+; Settings lists it .+ The last good backup \(store-2026-02-01T00-00-00-000Z\.json\) was restored; every earlier backup was kept in .+kept-/,
    )
    const aside = (await readdir(dir)).find((n) => n.startsWith(`coop-atlas-store.${tag}-`))
    expect(aside).toBeDefined()
    // Said as parts the reader's language words: which file, where it was kept, which backup, where the others went.
    const keptIn = (await readdir(join(dir, BACKUP_FOLDER))).find((n) => n.startsWith('kept-'))!
    expect(notice).toEqual([
      { key: 'set-aside', values: { aside: join(dir, aside!) }, problem: { key: problemKey, values: expect.any(Object) } },
      { key: 'backup-restored', values: { backup: 'store-2026-02-01T00-00-00-000Z.json', keptIn: join(dir, BACKUP_FOLDER, keptIn) } },
    ])
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
    expect(notice?.map((part) => part.key)).toEqual(['set-aside', 'no-backup'])
    expect(noticeInEnglish(notice)).toMatch(/No good backup was found, so an empty store was started/)
    expect((await readdir(dir)).some((n) => n.includes('.corrupt-'))).toBe(true)
  })

  it.skipIf(process.getuid?.() === 0)('refuses to touch a snapshot it may neither read nor move', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify(goodStore('x')))
    await chmod(join(dir, STORE_FILE), 0o000)
    await chmod(dir, 0o500)
    try {
      await expect(readSnapshot(dir)).rejects.toThrow(/could not move it aside to start from a backup/)
    } finally {
      await chmod(dir, 0o700)
    }
  })
})
