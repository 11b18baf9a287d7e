import { afterEach, describe, expect, it } from 'vitest'
import { NotesService } from '../../../../src/main/services/notes-service'
import { normaliseTags } from '../../../../src/shared/note-rules'
import { UserStore } from '../../../../src/main/store/user-store'
import type { Note, NoteTarget } from '../../../../src/shared/domain'
import { buildNameIndex } from '../../../../src/shared/wiki-links'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const stores: UserStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

const KNOWN: Record<string, string> = { 'organisation/cecop': 'CECOP', 'organisation/cicopa': 'CICOPA', 'pillar/pillar-1': 'Pillar one' }
const organisations = [
  { id: 'cecop', names: { english: 'CECOP – CICOPA Europe', acronym: 'CECOP' } },
  { id: 'cg-scop', names: { english: 'Confédération générale des Scop', acronym: 'CG Scop' } },
]

async function service(now?: () => Date) {
  const store = await UserStore.open(await tempDir())
  stores.push(store)
  const notes = new NotesService({
    store,
    describeTarget: (t: NoteTarget) => KNOWN[`${t.kind}/${t.id}`] ?? null,
    nameIndex: () => buildNameIndex(organisations),
    ...(now ? { now } : {}),
  })
  return { store, notes }
}
const cecop = { kind: 'organisation', id: 'cecop' } as const

describe('NotesService', () => {
  it('moves a deleted note to the trash, restores it, and deletes for good only when the trash is emptied', async () => {
    const { notes, store } = await service()
    const note = await notes.create(cecop, 'keep me')
    await notes.trash(note.id)
    expect(notes.pageFor(cecop).notes).toEqual([])
    expect(notes.listAll()[0]).toMatchObject({ id: note.id, trashed: expect.any(String) })
    await notes.restore(note.id)
    expect(notes.pageFor(cecop).notes.map((n) => n.body)).toEqual(['keep me'])
    await notes.trash(note.id)
    expect(await notes.emptyTrash()).toEqual({ deleted: 1 })
    expect(store.notes.size).toBe(0)
  })

  it('orders edits even when the clock steps back, and records the version each edit came from', async () => {
    let time = Date.UTC(2026, 0, 2)
    const { notes } = await service(() => new Date(time))
    const first = await notes.create(cecop, 'v1')
    time -= 60_000
    const { note: second } = await notes.update(first.id, { body: 'v2' }, first.versions)
    expect(second.updated > first.updated).toBe(true)
    expect(second.previous).toBe(first.updated)
  })

  describe('versions, and an edit from an older version (changed elsewhere meanwhile)', () => {
    it('counts each change made here: a create is 1, each edit, trash and restore one more', async () => {
      const { notes, store } = await service()
      const me = store.device.id
      const note = await notes.create(cecop, 'v1')
      expect(note).toMatchObject({ versions: { [me]: 1 }, conflictOf: null })
      const { note: edited, conflictCopy } = await notes.update(note.id, { body: 'v2' }, note.versions)
      expect(conflictCopy).toBeNull()
      expect(edited.versions).toEqual({ [me]: 2 })
      const trashed = await notes.trash(note.id, edited.versions)
      expect(trashed.versions).toEqual({ [me]: 3 })
      const restored = await notes.restore(note.id, trashed.versions)
      expect(restored.versions).toEqual({ [me]: 4 })
      // Trashing a note in the trash, or restoring one that is not, changes nothing and counts nothing.
      expect((await notes.restore(note.id)).versions).toEqual({ [me]: 4 })
      expect(store.notes.get(note.id)?.versions).toEqual({ [me]: 4 })
    })

    it('saves an edit made from the stored version over it', async () => {
      const { notes, store } = await service()
      const note = await notes.create(cecop, 'v1', ['a'])
      const result = await notes.update(note.id, { body: 'v2', tags: ['b'] }, { ...note.versions })
      expect(result).toEqual({ note: expect.objectContaining({ id: note.id, body: 'v2', tags: ['b'] }), conflictCopy: null })
      expect(store.notes.size).toBe(1)
    })

    it('keeps the stored note untouched and saves an edit from an older version as a conflict copy', async () => {
      let time = Date.UTC(2026, 0, 2)
      const { notes, store } = await service(() => new Date((time += 1000)))
      const me = store.device.id
      const note = await notes.create(cecop, 'first text', ['shared'])
      // Window A saves from the first version; window B, still on the first version, saves after it.
      const a = await notes.update(note.id, { body: 'A wrote this' }, note.versions)
      const stored = structuredClone(store.notes.get(note.id))
      const b = await notes.update(note.id, { body: 'B wrote this', tags: ['mine'] }, note.versions)
      expect(b.note).toEqual(a.note)
      expect(store.notes.get(note.id)).toEqual(stored)
      expect(b.conflictCopy).toMatchObject({
        target: cecop,
        body: 'B wrote this',
        tags: ['mine'],
        trashed: null,
        previous: null,
        versions: { [me]: 1 },
        conflictOf: note.id,
      })
      expect(b.conflictCopy!.id).not.toBe(note.id)
      expect(store.notes.get(b.conflictCopy!.id)).toEqual(b.conflictCopy)
      // Both texts are there, and stay there after a restart.
      const dir = store.folder
      await store.close()
      stores.splice(stores.indexOf(store), 1)
      const again = await UserStore.open(dir)
      stores.push(again)
      expect([...again.notes.values()].map((n) => n.body).sort()).toEqual(['A wrote this', 'B wrote this'])
      // Further edits of the copy go on from the copy's own version.
      const service2 = new NotesService({ store: again, describeTarget: () => 'CECOP', nameIndex: () => new Map() })
      const next = await service2.update(b.conflictCopy!.id, { body: 'B, going on' }, b.conflictCopy!.versions)
      expect(next).toMatchObject({ note: { body: 'B, going on', conflictOf: note.id }, conflictCopy: null })
    })

    it('treats any other version as not the one stored: newer, concurrent, or from another device', async () => {
      const { notes, store } = await service()
      const me = store.device.id
      const other = '00000000-0000-4000-8000-0000000000ff'
      const note = await notes.create(cecop, 'v1')
      for (const base of [{ [me]: 2 }, { [other]: 1 }, { [me]: 1, [other]: 1 }]) {
        const result = await notes.update(note.id, { tags: ['x'] }, base)
        // A field the edit did not send is taken from the stored note.
        expect(result.conflictCopy).toMatchObject({ body: 'v1', tags: ['x'], conflictOf: note.id })
      }
      expect(store.notes.get(note.id)).toMatchObject({ body: 'v1', tags: [], versions: { [me]: 1 } })
    })

    it('keeps an edit of a note trashed elsewhere as a copy outside the trash', async () => {
      const { notes, store } = await service()
      const note = await notes.create(cecop, 'v1')
      await notes.trash(note.id, note.versions)
      const result = await notes.update(note.id, { body: 'written meanwhile' }, note.versions)
      expect(result.note.trashed).not.toBeNull()
      expect(result.conflictCopy).toMatchObject({ body: 'written meanwhile', trashed: null })
      expect(notes.pageFor(cecop).notes.map((n) => n.body)).toEqual(['written meanwhile'])
      expect(store.notes.size).toBe(2)
    })

    it('does not trash or restore a note changed since the version named, and says why', async () => {
      const { notes, store } = await service()
      const note = await notes.create(cecop, 'v1')
      const { note: edited } = await notes.update(note.id, { body: 'v2' }, note.versions)
      await expect(notes.trash(note.id, note.versions)).rejects.toMatchObject({ code: 'conflict', message: /changed elsewhere/ })
      expect(store.notes.get(note.id)).toMatchObject({ trashed: null, versions: edited.versions })
      const trashed = await notes.trash(note.id, edited.versions)
      await expect(notes.restore(note.id, edited.versions)).rejects.toMatchObject({ code: 'conflict' })
      expect(store.notes.get(note.id)?.trashed).not.toBeNull()
      expect((await notes.restore(note.id, trashed.versions)).trashed).toBeNull()
      // Without a version named, trash and restore act on the note as it is.
      expect((await notes.trash(note.id)).trashed).not.toBeNull()
    })
  })

  describe('two saves at once, the shared notebook, authors and permanent deletion', () => {
    it('never lets two saves from one version both through, even when they arrive together (two tabs)', async () => {
      const { notes, store } = await service()
      const note = await notes.create(cecop, 'v1')
      // Both sent before either is saved: the check runs in the store's queue, so the second sees the first.
      const [a, b] = await Promise.all([
        notes.update(note.id, { body: 'tab A' }, note.versions),
        notes.update(note.id, { body: 'tab B' }, note.versions),
      ])
      expect(a.conflictCopy).toBeNull()
      expect(b).toMatchObject({ note: { body: 'tab A' }, conflictCopy: { body: 'tab B', conflictOf: note.id } })
      expect([...store.notes.values()].map((n) => n.body).sort()).toEqual(['tab A', 'tab B'])
      const [trashed, stale] = await Promise.allSettled([notes.trash(note.id, a.note.versions), notes.trash(note.id, note.versions)])
      expect(trashed.status).toBe('fulfilled')
      expect(stale.status).toBe('fulfilled') // already in the trash: nothing to do, whatever the version
    })

    it('marks who wrote each text, and shares a note as one more change (refused from an older version)', async () => {
      const { notes, store } = await service()
      const me = { device: store.device.id, name: store.device.name }
      const note = await notes.create(cecop, 'v1')
      expect(note).toMatchObject({ shared: false, author: me })
      const shared = await notes.setShared(note.id, true, note.versions)
      expect(shared).toMatchObject({ shared: true, author: me, versions: { [me.device]: 2 } })
      expect(await notes.setShared(note.id, true)).toEqual(shared)
      await expect(notes.setShared(note.id, false, note.versions)).rejects.toMatchObject({ code: 'conflict' })
      // A stale edit of a shared note is kept as a shared copy.
      const { conflictCopy } = await notes.update(note.id, { body: 'late' }, note.versions)
      expect(conflictCopy).toMatchObject({ shared: true, author: me })
      // An edit by another device's author is this device's text now.
      store.notes.set(note.id, { ...store.notes.get(note.id)!, author: { device: '00000000-0000-4000-8000-0000000000ff', name: 'Ben' } })
      const { note: edited } = await notes.update(note.id, { body: 'v2' }, shared.versions)
      expect(edited.author).toEqual(me)
      expect((await notes.setShared(note.id, false)).shared).toBe(false)
    })

    it('leaves a tombstone for each note deleted for good, in one step', async () => {
      const { notes, store } = await service()
      const a = await notes.create(cecop, 'a')
      const b = await notes.setShared((await notes.create(cecop, 'b')).id, true)
      await notes.create(cecop, 'kept')
      const trashedA = await notes.trash(a.id)
      const trashedB = await notes.trash(b.id)
      expect(await notes.emptyTrash()).toEqual({ deleted: 2 })
      expect(await notes.emptyTrash()).toEqual({ deleted: 0 })
      expect([...store.notes.values()].map((n) => n.body)).toEqual(['kept'])
      expect(store.tombstones.get(a.id)).toEqual({ id: a.id, versions: trashedA.versions, deleted: expect.any(String), shared: false })
      expect(store.tombstones.get(b.id)).toMatchObject({ versions: trashedB.versions, shared: true })
    })
  })

  it('keeps tags tidy: no #, no blanks, no case duplicates', () => {
    expect(normaliseTags(['#board', ' board ', 'Board', '', 'EU  policy'])).toEqual(['board', 'EU policy'])
  })

  it('counts tags over notes not in the trash', async () => {
    const { notes } = await service()
    await notes.create(cecop, 'a', ['board', 'EU'])
    const b = await notes.create(cecop, 'b', ['board'])
    await notes.create(cecop, 'c', ['Board'])
    await notes.trash(b.id)
    expect(notes.tags()).toEqual([
      { tag: 'board', count: 2 },
      { tag: 'EU', count: 1 },
    ])
  })

  it('finds backlinks from [[wiki-links]] by acronym or name, ignoring case and accents', async () => {
    const { notes } = await service()
    await notes.create({ kind: 'organisation', id: 'cicopa' }, 'See [[cecop]] and [[Confederation generale des SCOP]].')
    await notes.create({ kind: 'pillar', id: 'pillar-1' }, 'Nothing linked, [[Unknown body]].')
    expect(notes.backlinks('cecop').map((n) => n.body)).toEqual(['See [[cecop]] and [[Confederation generale des SCOP]].'])
    expect(notes.backlinks('cg-scop')).toHaveLength(1)
  })

  it('gives the notes that link to an organisation newest first, described as in the list of all notes, none in the trash', async () => {
    const { notes } = await service()
    const older = await notes.create({ kind: 'organisation', id: 'cicopa' }, 'First [[CECOP]] meeting')
    const trashed = await notes.create({ kind: 'organisation', id: 'cicopa' }, 'Draft about [[CECOP]]')
    const newer = await notes.create({ kind: 'pillar', id: 'pillar-1' }, 'Plan with [[CECOP]]')
    await notes.create({ kind: 'organisation', id: 'cicopa' }, 'Nothing linked')
    await notes.trash(trashed.id, trashed.versions)
    const linking = notes.backlinks('cecop')
    expect(linking.map((n) => n.id)).toEqual([newer.id, older.id])
    const listed = new Map(notes.listAll().map((n) => [n.id, n]))
    expect(linking).toEqual([listed.get(newer.id), listed.get(older.id)])
  })

  it('sends a profile’s notes and the notes linking to it a page at a time, newest first, with how many there are', async () => {
    let second = 0
    const { notes } = await service(() => new Date(Date.UTC(2026, 0, 1) + 1000 * second++))
    const about: Note[] = []
    for (let i = 0; i < 60; i++) about.push(await notes.create(cecop, `About CECOP ${i}, see [[CECOP]]`))
    const linking: Note[] = []
    for (let i = 0; i < 55; i++) linking.push(await notes.create({ kind: 'organisation', id: 'cicopa' }, `# Link ${i}\n\nTo **[[CECOP]]**`))
    const first = notes.pageFor(cecop, 50)
    expect(first).toMatchObject({ total: 60, limit: 50 })
    expect(first.notes.map((n) => n.body)).toEqual(
      about
        .slice(10)
        .reverse()
        .map((n) => n.body),
    )
    // Down to the oldest, a link to it; every one without a limit.
    expect(notes.pageFor(cecop, 50, about[0]!.id)).toMatchObject({ total: 60, limit: 100 })
    expect(notes.pageFor(cecop).notes).toHaveLength(60)
    // Linking notes: not the ones about CECOP itself; their first words, not their text.
    const backlinks = notes.backlinksPage('cecop', 50)
    expect(backlinks).toMatchObject({ total: 55, limit: 50 })
    expect(backlinks.notes[0]).toEqual({
      id: linking[54]!.id,
      target: { kind: 'organisation', id: 'cicopa' },
      targetLabel: 'CICOPA',
      gist: 'Link 54 — To CECOP',
    })
    expect(notes.backlinksPage('cecop').notes).toHaveLength(55)
  })

  describe('a page of the notes page’s list (notes.page)', () => {
    const ALL = { text: '', tag: '', kind: '' as const, sort: 'updated' as const, trash: false }

    it('sends only the page asked for, with the counts of the whole list and the linking notes of the notes sent', async () => {
      let second = 0
      const { notes } = await service(() => new Date(Date.UTC(2026, 0, 1) + 1000 * second++))
      const written: Note[] = []
      for (let i = 0; i < 120; i++) written.push(await notes.create({ kind: 'organisation', id: 'cicopa' }, `Meeting ${i} with [[CECOP]]`))
      const about = await notes.create(cecop, 'About CECOP itself')
      const page = notes.page({ filter: ALL, limit: 50, locale: 'en' })
      expect(page.notes).toHaveLength(50)
      expect(page.notes[0]!.id).toBe(about.id)
      expect(page).toMatchObject({ total: 121, limit: 50, counts: { kept: 121, trashed: 0, orphaned: 0 } })
      // Newest first, three named, the rest counted; as their first words, not their text.
      expect(page.linkedFrom[about.id]).toEqual({
        shown: [119, 118, 117].map((i) => ({
          id: written[i]!.id,
          target: { kind: 'organisation', id: 'cicopa' },
          targetLabel: 'CICOPA',
          gist: `Meeting ${i} with CECOP`,
        })),
        more: 117,
      })
      // Only the notes sent have theirs.
      expect(Object.keys(page.linkedFrom)).toEqual([about.id])
      // A note further down a link leads to: the pages down to it.
      const through = notes.page({ filter: ALL, limit: 50, locale: 'en', through: written[0]!.id })
      expect(through).toMatchObject({ limit: 150, total: 121 })
      expect(through.notes.at(-1)!.id).toBe(written[0]!.id)
      expect(notes.page({ filter: ALL, limit: 50, locale: 'en', through: 'nobody' }).notes).toHaveLength(50)
    })

    it('follows the store through an edit, a trash and a restore: text filter, links and counts as they are now', async () => {
      const { notes } = await service()
      const about = await notes.create(cecop, 'About CECOP')
      const other = await notes.create({ kind: 'organisation', id: 'cicopa' }, 'Congress in Brussels')
      const page = (filter = {}) => notes.page({ filter: { ...ALL, ...filter }, limit: 50, locale: 'en' })
      expect(page({ text: 'brussels' }).notes.map((n) => n.id)).toEqual([other.id])
      expect(page().linkedFrom[about.id]).toBeUndefined()
      // Each asked once before the edit (what main keeps per note), then the edit: read as it is now.
      const { note: edited } = await notes.update(other.id, { body: 'Congrès à Lisbonne avec [[CECOP]]' }, other.versions)
      expect(page({ text: 'brussels' }).notes).toEqual([])
      expect(page({ text: 'congres a lisbonne' }).notes.map((n) => n.id)).toEqual([other.id])
      expect(page().linkedFrom[about.id]!.shown.map((n) => n.id)).toEqual([other.id])
      const trashed = await notes.trash(other.id, edited.versions)
      expect(page().linkedFrom[about.id]).toBeUndefined()
      expect(page()).toMatchObject({ total: 1, counts: { kept: 1, trashed: 1 } })
      expect(page({ trash: true }).notes.map((n) => n.id)).toEqual([other.id])
      await notes.restore(other.id, trashed.versions)
      expect(page().linkedFrom[about.id]!.shown.map((n) => n.id)).toEqual([other.id])
    })

    it('names, filters and sorts subjects in the reader’s language, and counts orphaned notes', async () => {
      const store = await UserStore.open(await tempDir())
      stores.push(store)
      const names: Record<string, Record<string, string>> = {
        'pillar/pillar-1': { en: 'Visibility', fr: 'Accroître la visibilité' },
        'organisation/cecop': { en: 'CECOP', fr: 'CECOP' },
      }
      const notes = new NotesService({
        store,
        describeTarget: (t, locale = 'en') => names[`${t.kind}/${t.id}`]?.[locale] ?? null,
        nameIndex: () => buildNameIndex(organisations),
        // An organisation renamed: its old id leads to the new one.
        resolveId: (id) => (id === 'old-cecop' ? 'cecop' : id),
      })
      const pillar = await notes.create({ kind: 'pillar', id: 'pillar-1' }, 'Plan')
      const org = await notes.create(cecop, 'Org')
      const gone = await notes.create(cecop, 'Renamed since, and linking [[CECOP]]')
      store.notes.set(gone.id, { ...store.notes.get(gone.id)!, target: { kind: 'organisation', id: 'old-cecop' } })
      const page = (locale: 'en' | 'fr', filter = {}) =>
        notes.page({ filter: { ...ALL, sort: 'about', ...filter }, limit: 50, locale }).notes.map((n) => n.body)
      // "Accroître…" before "CECOP" in French; "CECOP" before "Visibility" in English; the note nothing names, last.
      expect(page('fr')).toEqual(['Plan', 'Org', expect.stringContaining('Renamed')])
      expect(page('en')).toEqual(['Org', 'Plan', expect.stringContaining('Renamed')])
      expect(page('fr', { text: 'visibilite' })).toEqual(['Plan'])
      expect(page('en', { text: 'visibility' })).toEqual(['Plan'])
      expect(page('fr', { text: 'visibility' })).toEqual([])
      expect(page('fr', { text: 'accroitre' })).toEqual(['Plan'])
      expect(page('en', { text: 'accroitre' })).toEqual([])
      expect(notes.page({ filter: ALL, limit: 50, locale: 'en' }).counts).toEqual({ kept: 3, trashed: 0, orphaned: 1 })
      // The renamed organisation's note is about CECOP now: the note linking to CECOP is named under the other one.
      const linked = notes.page({ filter: ALL, limit: 50, locale: 'en' }).linkedFrom
      expect(linked[org.id]!.shown.map((n) => n.id)).toEqual([gone.id])
      expect(linked[pillar.id]).toBeUndefined()
    })
  })

  it('lists a note whose target the pack no longer has as orphaned, and keeps it', async () => {
    const { notes, store } = await service()
    const note = await notes.create(cecop, 'about an organisation that will be renamed')
    store.notes.set(note.id, { ...note, target: { kind: 'organisation', id: 'gone-in-new-pack' } })
    expect(notes.listAll()).toEqual([expect.objectContaining({ id: note.id, orphaned: true, targetLabel: null })])
  })

  it('refuses a note on a target the pack does not have', async () => {
    const { notes } = await service()
    await expect(notes.create({ kind: 'event', id: 'nope' }, 'x')).rejects.toThrow(/There is no event with the id "nope"/)
  })

  describe('notes about nothing, or about several things', () => {
    const cicopa = { kind: 'organisation', id: 'cicopa' } as const
    const pillar = { kind: 'pillar', id: 'pillar-1' } as const

    it('keeps a free-standing note (never orphaned) and a note about several things, found from each, across a restart', async () => {
      const { notes, store } = await service()
      const free = await notes.create(null, 'Trip to Lisbon: questions for the federations')
      const both = await notes.create(cecop, 'Joint statement', [], [cicopa, cecop, pillar])
      expect(free.target).toBeNull()
      expect(free).not.toHaveProperty('alsoAbout')
      // Each subject once, first subject first.
      expect(both).toMatchObject({ target: cecop, alsoAbout: [cicopa, pillar] })
      expect(notes.pageFor(cicopa).notes.map((n) => n.id)).toEqual([both.id])
      expect(notes.pageFor(pillar).notes.map((n) => n.id)).toEqual([both.id])
      expect(notes.pageFor(cecop).notes.map((n) => n.id)).toEqual([both.id])
      const listed = new Map(notes.listAll().map((n) => [n.id, n]))
      expect(listed.get(free.id)).toMatchObject({ targetLabel: null, orphaned: false, otherLabels: [] })
      expect(listed.get(both.id)).toMatchObject({ targetLabel: 'CECOP', otherLabels: ['CICOPA', 'Pillar one'], orphaned: false })

      const folder = store.folder
      await store.close()
      stores.splice(stores.indexOf(store), 1)
      const reopened = await UserStore.open(folder)
      stores.push(reopened)
      expect(reopened.notes.get(free.id)).toMatchObject({ target: null, body: free.body })
      expect(reopened.notes.get(both.id)).toMatchObject({ target: cecop, alsoAbout: [cicopa, pillar] })
    })

    it('changes a note’s subjects with an edit, keeps one the pack lost, and refuses a new one the pack lacks, changing nothing', async () => {
      const { notes, store } = await service()
      const note = await notes.create(null, 'A question')
      const { note: about } = await notes.update(note.id, { subjects: [cicopa, pillar] }, note.versions)
      expect(about).toMatchObject({ target: cicopa, alsoAbout: [pillar] })
      expect(notes.pageFor(pillar).notes.map((n) => n.id)).toEqual([note.id])
      // Back to free-standing.
      const { note: freed } = await notes.update(note.id, { subjects: [] }, about.versions)
      expect(freed.target).toBeNull()
      expect(freed).not.toHaveProperty('alsoAbout')
      await expect(
        notes.update(note.id, { subjects: [{ kind: 'organisation', id: 'no-such-body' }] }, freed.versions),
      ).rejects.toMatchObject({
        code: 'not-found',
        wording: { key: 'note-target-missing', values: { kind: 'organisation', id: 'no-such-body' } },
      })
      await expect(notes.create(cecop, 'x', [], [{ kind: 'event', id: 'never-happened' }])).rejects.toMatchObject({ code: 'not-found' })
      expect(store.notes.size).toBe(1)
      expect(store.notes.get(note.id)!.target).toBeNull()
      // A subject the pack no longer has stays on the note when another is added.
      const gone = { kind: 'organisation', id: 'cg-scop' } as const
      const kept = { ...store.notes.get(note.id)!, target: gone }
      await store.apply({ op: 'put-note', note: kept })
      const { note: more } = await notes.update(note.id, { subjects: [gone, cecop] }, kept.versions)
      expect(more).toMatchObject({ target: gone, alsoAbout: [cecop] })
      expect(notes.listAll()[0]).toMatchObject({ orphaned: true, otherLabels: ['CECOP'] })
    })

    it('keeps an edit from a stale version as a copy with the edit’s subjects, the note untouched', async () => {
      const { notes } = await service()
      const note = await notes.create(cecop, 'v1')
      await notes.update(note.id, { body: 'v2' }, note.versions)
      const result = await notes.update(note.id, { subjects: [cicopa] }, note.versions)
      expect(result.note).toMatchObject({ body: 'v2', target: cecop })
      // What the edit did not send is taken as stored: the copy is what the note would have become.
      expect(result.conflictCopy).toMatchObject({ body: 'v2', target: cicopa, conflictOf: note.id })
    })
  })
})
