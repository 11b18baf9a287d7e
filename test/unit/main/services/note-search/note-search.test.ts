/**
 * Main's note search: it follows every way the store changes, keeps its index in a file beside the store that it
 * trusts only when it is exactly right, and never gives a note that is deleted or in the trash.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { INDEX_FILE, readIndexFile } from '../../../../../src/main/services/note-search/index-file'
import { NoteSearch } from '../../../../../src/main/services/note-search/note-search'
import { NotesService } from '../../../../../src/main/services/notes-service'
import { NotesTransferService } from '../../../../../src/main/services/notes-transfer'
import { UserStore } from '../../../../../src/main/store/user-store'
import { STORE_VERSION } from '../../../../../src/main/store/schema'
import { contract } from '../../../../../src/shared/contract'
import type { NoteTarget } from '../../../../../src/shared/domain'
import type { PackLocale } from '../../../../../src/shared/content/texts'
import { aNote, noteId } from '../../../../support/notes'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close()
})

const NAMES: Record<string, Record<PackLocale, string>> = {
  'organisation/cecop': { en: 'CECOP', fr: 'CECOP', es: 'CECOP' },
  'event/founding': { en: 'The founding congress', fr: 'Le congrès fondateur', es: 'El congreso fundacional' },
}
const describeTarget = (t: NoteTarget, locale: PackLocale = 'en') => NAMES[`${t.kind}/${t.id}`]?.[locale] ?? null
const cecop = { kind: 'organisation', id: 'cecop' } as const
const founding = { kind: 'event', id: 'founding' } as const

async function openStore(folder?: string) {
  const store = await UserStore.open(folder ?? (await tempDir()))
  open.push(store)
  return store
}

function searchOver(store: UserStore, packId = 'pack-1') {
  const search = new NoteSearch({ store, describe: describeTarget, packId: () => packId })
  open.push(search)
  return search
}

const ids = async (search: NoteSearch, query: string, locale: PackLocale = 'en') =>
  (await search.search(query, 50, locale)).hits.map((h) => h.id)

describe('NoteSearch', () => {
  it('follows creates, edits, the trash, imports, merges and a backup brought back', async () => {
    const store = await openStore()
    const search = searchOver(store)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    const a = await notes.create(cecop, 'Budget vote\n\nThe assembly approved the solidarity fund.')
    const b = await notes.create(null, 'Train tickets to Brussels')
    expect(await ids(search, 'solid')).toEqual([a.id])
    // Found by its subject's name in any language, and by every word together (AND).
    expect(await ids(search, 'cecop fund')).toEqual([a.id])
    expect(await ids(search, 'cecop brussels')).toEqual([])

    const edited = await notes.update(a.id, { body: 'Budget vote\n\nPostponed to March.' }, a.versions)
    expect(await ids(search, 'solidarity')).toEqual([])
    expect(await ids(search, 'postponed')).toEqual([a.id])

    await notes.trash(b.id)
    expect(await ids(search, 'brussels')).toEqual([])
    await notes.restore(b.id)
    expect(await ids(search, 'brussels')).toEqual([b.id])

    await store.compact() // a backup holding a, b as they are now
    const backups = await store.listBackups()
    const transfer = new NotesTransferService(store, describeTarget)
    const other = await openStore()
    await new NotesService({ store: other, describeTarget, nameIndex: () => new Map() }).create(founding, 'Imported minutes')
    await transfer.importApply(new NotesTransferService(other, describeTarget).exportJson().content)
    expect((await search.search('minutes', 5, 'fr')).hits).toMatchObject([{ about: 'Le congrès fondateur', title: 'Imported minutes' }])
    expect(await ids(search, 'congreso fundacional')).toHaveLength(1)

    // Notes from another device, and one deleted there.
    const merged = aNote(900, 'Synchronised from the laptop')
    await store.apply({ op: 'merge', notes: [merged], remove: [b.id], tombstones: [] })
    expect(await ids(search, 'laptop')).toEqual([merged.id])
    expect(await ids(search, 'brussels')).toEqual([])

    await store.restoreBackup(backups.at(-1)!.name)
    expect(await ids(search, 'laptop')).toEqual([])
    expect(await ids(search, 'minutes')).toEqual([])
    expect(await ids(search, 'brussels')).toEqual([b.id])
    expect(await ids(search, 'postponed')).toEqual([edited.note.id])
  })

  it('gives the first line, the subjects in the asked language and the words around the match, nothing more', async () => {
    const store = await openStore()
    const search = searchOver(store)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    const body = `# **Congress** notes\n\n${'filler words here '.repeat(20)}the [[CECOP]] delegates voted on *housing* ${'more '.repeat(30)}`
    const note = await notes.create(founding, body, [], [cecop])
    const { hits, indexing } = await search.search('housing', 5, 'es')
    expect(indexing).toBe(false)
    expect(hits).toEqual([
      {
        id: note.id,
        score: expect.any(Number),
        title: 'Congress notes',
        about: 'El congreso fundacional, CECOP',
        target: founding,
        snippet: expect.stringMatching(/^…words here the CECOP delegates voted on housing more/),
      },
    ])
    expect(JSON.stringify(hits).length).toBeLessThan(body.length)
  })

  it('keeps phrases as written and passes over words of fewer than three letters', async () => {
    const store = await openStore()
    const search = searchOver(store)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    const a = await notes.create(null, 'worker cooperatives in industry')
    await notes.create(null, 'cooperatives of workers')
    expect(await ids(search, '"worker cooperatives"')).toEqual([a.id])
    expect((await ids(search, 'co')).length).toBe(0)
  })

  it('reads its file back at the next start, and the same queries find the same notes', async () => {
    const folder = await tempDir()
    const store = await openStore(folder)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    for (let n = 0; n < 30; n++) await notes.create(cecop, `Note ${n} about cooperative number${n} and federation`)
    const first = searchOver(store)
    const before = await ids(first, 'federation')
    // 30 notes are too few to rewrite the file at close (the next start reads them again): written on purpose.
    await first.close()
    expect(await readFile(join(folder, INDEX_FILE)).catch(() => null)).toBeNull()
    const writer = searchOver(store)
    await writer.settled()
    await writer.save()
    await writer.close()
    const second = searchOver(store)
    await second.loaded()
    expect(second.stats).toMatchObject({ source: 'file', untrusted: null })
    expect(await ids(second, 'federation')).toEqual(before)
    // Checked against the store, in the background: every note was as the file had it, none read again.
    await second.settled()
    expect(second.indexing).toBe(false)
    expect(second.stats.indexed).toBe(0)
    expect(await ids(second, 'number17')).toHaveLength(1)
  })

  it.each([
    ['a byte changed in the body', (bytes: Buffer) => (bytes[bytes.length - 3]! ^= 1), 'checksum'],
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 10), 'checksum'],
    ['another format', (bytes: Buffer) => bytes.write('NOTANIDX', 0, 'latin1'), 'format'],
    ['not an index at all', () => Buffer.from('{"notes": []}'), 'format'],
  ])('never trusts a file %s: it is rebuilt from the store, with no wrong hit', async (_what, spoil, why) => {
    const folder = await tempDir()
    const store = await openStore(folder)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    const kept = await notes.create(cecop, 'alpha beta gamma')
    const first = searchOver(store)
    await first.settled()
    await first.save()
    await first.close()
    const path = join(folder, INDEX_FILE)
    const bytes = await readFile(path)
    const spoilt = spoil(bytes)
    await writeFile(path, Buffer.isBuffer(spoilt) ? spoilt : bytes)
    const second = searchOver(store)
    await second.loaded()
    expect(second.stats).toMatchObject({ source: 'rebuilt', untrusted: why })
    await second.settled()
    expect(await ids(second, 'gamma')).toEqual([kept.id])
    expect(await ids(second, 'delta')).toEqual([])
  })

  it('reads again the notes changed while it was not running (stale digest), and never shows a trashed one', async () => {
    const folder = await tempDir()
    const store = await openStore(folder)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    const changed = await notes.create(cecop, 'original wording')
    const trashed = await notes.create(cecop, 'original secret')
    const first = searchOver(store)
    await first.settled()
    await first.save()
    await first.close()
    // Changed with no search listening (as after a crash before the file was written again).
    await notes.update(changed.id, { body: 'revised wording' }, changed.versions)
    await notes.trash(trashed.id)
    const second = searchOver(store)
    await second.loaded()
    expect(second.stats.source).toBe('file')
    // Before the stale notes are read again: the trashed one is not given, the changed one not by its old words.
    expect(await ids(second, 'secret')).toEqual([])
    expect(await ids(second, 'original')).toEqual([])
    await second.settled()
    expect(await ids(second, 'revised')).toEqual([changed.id])
    expect(await ids(second, 'original')).toEqual([])
  })

  it('rebuilds when the pack that named the subjects changed', async () => {
    const folder = await tempDir()
    const store = await openStore(folder)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    await notes.create(cecop, 'x y z words')
    const first = searchOver(store, 'pack-1')
    await first.settled()
    await first.save()
    await first.close()
    const second = searchOver(store, 'pack-2')
    await second.loaded()
    expect(second.stats).toMatchObject({ source: 'rebuilt', untrusted: 'pack' })
  })

  it('writes its file while notes go on changing: the file holds them as they were, and no note is found by old words', async () => {
    const folder = await tempDir()
    const store = await openStore(folder)
    const words = (n: number, salt: string) => Array.from({ length: 40 }, (_, w) => `w${(n * 7 + w) % 500}`).join(' ') + ` ${salt}${n}z`
    await store.apply({ op: 'put-notes', notes: Array.from({ length: 3000 }, (_, n) => aNote(n, words(n, 'before'))) })
    // Each step of its work a slice of its own, so that the edits below come between them.
    const writer = new NoteSearch({ store, describe: describeTarget, packId: () => 'pack-1', sliceMs: 0 })
    open.push(writer)
    await writer.settled()
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    // Edits go on for as long as the file is being made (a slice at a time), each indexed between its slices.
    let written = false
    const saving = writer.save().then(() => (written = true))
    const edited: number[] = []
    for (let n = 0; !written; n++) {
      const note = store.notes.get(noteId(n))!
      await notes.update(note.id, { body: words(n, 'after') }, note.versions)
      edited.push(n)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await saving
    await writer.close()
    expect(edited.length).toBeGreaterThan(1)
    const second = searchOver(store)
    await second.loaded()
    expect(second.stats).toMatchObject({ source: 'file', untrusted: null })
    await second.settled()
    for (const n of edited) {
      expect(await ids(second, `after${n}z`)).toEqual([noteId(n)])
      expect(await ids(second, `before${n}z`)).toEqual([])
    }
    expect(await ids(second, `before${edited.length + 5}z`)).toEqual([noteId(edited.length + 5)])
  })

  it('never leaves a file of the old pack under the new one: a save under way when the pack changes is not written', async () => {
    const folder = await tempDir()
    const store = await openStore(folder)
    // Long enough notes for the index to be taken in many steps.
    const text = (n: number) => `minutes ${Array.from({ length: 300 }, (_, w) => `w${(n * 7 + w) % 900}`).join(' ')}`
    await store.apply({ op: 'put-notes', notes: Array.from({ length: 2000 }, (_, n) => aNote(n, text(n))) })
    // The pack names the notes' subject: Alphaname in the first, Betaname in the next.
    let pack = 'pack-1'
    let name = 'Alphaname'
    const describe = (t: NoteTarget) => (t.id === 'cecop' ? name : null)
    const writer = new NoteSearch({ store, describe, packId: () => pack, sliceMs: 0 })
    open.push(writer)
    await writer.settled()
    const saving = writer.save()
    // The new pack arrives while the file is being made; the next query reads every note again, and the app quits.
    await new Promise((resolve) => setImmediate(resolve))
    pack = 'pack-2'
    name = 'Betaname'
    void writer.search('minutes', 5, 'en')
    await saving
    // The save begun before is not written: a file named for the new pack never holds the old pack's names.
    const file = await readIndexFile(folder, STORE_VERSION)
    expect(typeof file !== 'string' && file.header.packId === 'pack-2' && file.parts.vocabulary.includes('alphaname')).toBe(false)
    await writer.close()
    const second = new NoteSearch({ store, describe, packId: () => pack })
    open.push(second)
    await second.settled()
    expect(await ids(second, 'betaname')).toHaveLength(50)
    expect(await ids(second, 'alphaname')).toEqual([])
  })

  it('follows the store as it changes while the file is being read', async () => {
    const folder = await tempDir()
    const store = await openStore(folder)
    const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
    for (let n = 0; n < 5; n++) await notes.create(cecop, `entry ${n}`)
    const first = searchOver(store)
    await first.settled()
    await first.save()
    await first.close()
    const second = searchOver(store)
    const late = await notes.create(null, 'written during the load')
    expect(await ids(second, 'during')).toEqual([late.id])
  })
})

describe('notes.search in the contract', () => {
  const input = contract['notes.search'].input
  it('takes a query of at most 500 characters, a limit of 1 to 50, and a language of the app', () => {
    expect(v.safeParse(input, { query: 'x'.repeat(500), limit: 50, locale: 'es' }).success).toBe(true)
    expect(v.safeParse(input, { query: 'x'.repeat(501), limit: 5, locale: 'en' }).success).toBe(false)
    expect(v.safeParse(input, { query: 'x', limit: 0, locale: 'en' }).success).toBe(false)
    expect(v.safeParse(input, { query: 'x', limit: 51, locale: 'en' }).success).toBe(false)
    expect(v.safeParse(input, { query: 'x', limit: 2.5, locale: 'en' }).success).toBe(false)
    expect(v.safeParse(input, { query: 'x', limit: 5, locale: 'de' }).success).toBe(false)
    expect(v.safeParse(input, { query: 'x', limit: 5, locale: 'en', extra: 1 }).success).toBe(false)
  })
})

void noteId
