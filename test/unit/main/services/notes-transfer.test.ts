import { unzipSync, strFromU8 } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { CONFLICT_TAG, decide, exportJson, exportMarkdownZip, importNotes } from '../../../../src/main/services/notes-transfer'
import type { IncomingNote } from '../../../../src/main/store/schema'
import { UserStore } from '../../../../src/main/store/user-store'
import type { Note } from '../../../../src/shared/domain'
import { MAX_EDITABLE_COUNTER, MAX_VERSION_ENTRIES } from '../../../../src/shared/note-rules'
import { aNote, deviceId, minute, noteId, TEST_DEVICE } from '../../../support/notes'
import { storeBytes } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const stores: UserStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})
async function openStore(dir?: string) {
  const store = await UserStore.open(dir ?? (await tempDir()))
  stores.push(store)
  return store
}

const ID = noteId
const T = minute
const note = (n: number, body: string, updated = T(0), previous: string | null = null): Note => aNote(n, body, { updated, previous })
/** A note as a file from before versions has it: no version, no conflict mark. */
const older = (n: number, body: string, updated = T(0), previous: string | null = null): IncomingNote => {
  const { versions: _versions, conflictOf: _conflictOf, ...rest } = note(n, body, updated, previous)
  return rest
}
const file = (notes: unknown[], version = 2) => JSON.stringify({ format: 'coop-atlas-notes', version, exported: T(30), notes })
/** This store's device, in decide's tests; TEST_DEVICE and OTHER made the notes elsewhere. */
const HERE = deviceId(1)
const OTHER = deviceId(2)

describe('decide (merge by note id), for a file from before versions', () => {
  it('adds what is new, as one change made here, and leaves what is the same', () => {
    expect(decide(undefined, older(1, 'x'), HERE)).toMatchObject({ kind: 'add', note: { versions: { [HERE]: 1 }, conflictOf: null } })
    expect(decide(note(1, 'x'), older(1, 'x'), HERE)).toEqual({ kind: 'unchanged' })
  })
  it('takes the newer edit when it was made from the local version, as one more change made here', () => {
    expect(decide(note(1, 'old', T(1)), older(1, 'new', T(5), T(1)), HERE)).toMatchObject({
      kind: 'update',
      note: { body: 'new', versions: { [TEST_DEVICE]: 1, [HERE]: 1 } },
    })
    // A conflict copy stays one: the older file cannot know it is.
    expect(decide({ ...note(1, 'old', T(1)), conflictOf: ID(9) }, older(1, 'new', T(5), T(1)), HERE)).toMatchObject({
      note: { conflictOf: ID(9) },
    })
  })
  it('keeps the local note when it is the newer edit', () => {
    expect(decide(note(1, 'local newer', T(5), T(1)), older(1, 'old', T(1)), HERE)).toEqual({ kind: 'keptNewer' })
  })
  it('keeps both when both changed since they last agreed: the import becomes a second, tagged note', () => {
    const decision = decide(note(1, 'edited here', T(5), T(1)), older(1, 'edited there', T(7), T(1)), HERE)
    expect(decision).toMatchObject({
      kind: 'conflict',
      note: { body: 'edited there', tags: [CONFLICT_TAG], versions: { [HERE]: 1 }, conflictOf: ID(1) },
    })
    expect((decision as { note: Note }).note.id).not.toBe(ID(1))
  })
})

describe('decide, by versions when the file has them', () => {
  const at = (body: string, versions: Record<string, number>, updated = T(1), previous: string | null = null) => ({
    ...note(1, body, updated, previous),
    versions,
  })

  it('takes an edit that has seen every change of the local note, whatever the clocks say', () => {
    // Dated before the local note (the other machine's clock is slow), and not "edited from" it by the dates.
    const decision = decide(at('local', { [HERE]: 2 }, T(5)), at('later there', { [HERE]: 2, [OTHER]: 1 }, T(3)), HERE)
    expect(decision).toEqual({ kind: 'update', note: at('later there', { [HERE]: 2, [OTHER]: 1 }, T(3)) })
  })

  it('keeps the local note when it has seen every change of the imported one, whatever the clocks say', () => {
    expect(decide(at('newer here', { [HERE]: 3, [OTHER]: 1 }, T(1)), at('older', { [OTHER]: 1 }, T(9), T(8)), HERE)).toEqual({
      kind: 'keptNewer',
    })
  })

  it('keeps both when each has a change the other has not seen, even when the dates say one followed the other', () => {
    const decision = decide(at('mine', { [HERE]: 2, [OTHER]: 1 }, T(2), T(1)), at('theirs', { [HERE]: 1, [OTHER]: 2 }, T(5), T(2)), HERE)
    expect(decision).toMatchObject({
      kind: 'conflict',
      note: { body: 'theirs', tags: [CONFLICT_TAG], versions: { [HERE]: 1 }, conflictOf: ID(1) },
    })
  })

  it('keeps both when the versions are the same but the texts are not (a version given out twice)', () => {
    expect(decide(at('one', { [HERE]: 2 }), at('another', { [HERE]: 2 }), HERE)).toMatchObject({ kind: 'conflict' })
  })

  it('leaves the same text alone, whatever the versions', () => {
    expect(decide(at('same', { [HERE]: 2 }), at('same', { [OTHER]: 7 }), HERE)).toEqual({ kind: 'unchanged' })
  })

  it('adds a new note with its own version and conflict mark', () => {
    const incoming = { ...at('copy', { [OTHER]: 1 }), conflictOf: ID(2) }
    expect(decide(undefined, incoming, HERE)).toEqual({ kind: 'add', note: incoming })
  })
})

describe('import and export', () => {
  it('round-trips every note through the JSON export, with its version and conflict mark', async () => {
    const source = await openStore()
    await source.apply({ op: 'put-notes', notes: [note(1, 'one'), { ...note(2, 'two'), trashed: T(3), conflictOf: ID(1) }] })
    const exported = exportJson(source)
    const parsed = JSON.parse(exported.content) as { version: number; notes: Note[] }
    expect(parsed.version).toBe(3)
    expect(parsed.notes.map((n) => [n.versions, n.conflictOf])).toEqual([
      [{ [TEST_DEVICE]: 1 }, null],
      [{ [TEST_DEVICE]: 1 }, ID(1)],
    ])
    const target = await openStore()
    const summary = await importNotes(target, exported.content, true)
    expect(summary).toEqual({ total: 2, added: 2, updated: 0, unchanged: 0, keptNewer: 0, conflicts: 0, refused: [], applied: true })
    expect([...target.notes.values()]).toEqual([note(1, 'one'), { ...note(2, 'two'), trashed: T(3), conflictOf: ID(1) }])
    expect((await importNotes(target, exported.content, true)).unchanged).toBe(2)
    expect(target.notes.size).toBe(2)
  })

  it('previews without changing anything', async () => {
    const dir = await tempDir()
    const store = await openStore(dir)
    const before = await storeBytes(dir)
    const summary = await importNotes(store, file([note(1, 'x')]), false)
    expect(summary).toMatchObject({ added: 1, applied: false })
    expect(store.notes.size).toBe(0)
    expect(await storeBytes(dir)).toBe(before)
  })

  it.each([
    ['not JSON', '{"format": "coop-atlas-notes", "notes": [', /not valid JSON/],
    ['another file', JSON.stringify({ hello: 'world' }), /not a Coop Atlas notes file/],
    ['a newer version', JSON.stringify({ format: 'coop-atlas-notes', version: 4, exported: T(0), notes: [] }), /newer Coop Atlas/],
    ['a duplicate id', file([note(1, 'x'), note(1, 'y')]), /holds the note .* twice/],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, /not a Coop Atlas notes file/],
  ])('refuses %s with a clear message and changes nothing', async (_label, text, message) => {
    const dir = await tempDir()
    const store = await openStore(dir)
    const before = await storeBytes(dir)
    await expect(importNotes(store, text, true)).rejects.toThrow(message)
    expect(store.notes.size).toBe(0)
    expect(await storeBytes(dir)).toBe(before)
  })

  it.each([
    ['not JSON', '{"format": "coop-atlas-notes", "notes": [', { key: 'import-not-json', values: {} }],
    ['another file', JSON.stringify({ hello: 'world' }), { key: 'import-not-notes-file', values: { format: 'coop-atlas-notes' } }],
    ['a newer version', JSON.stringify({ format: 'coop-atlas-notes', version: 4, exported: T(0), notes: [] }), { key: 'import-newer' }],
    [
      'a bad date of export',
      JSON.stringify({ format: 'coop-atlas-notes', version: 2, exported: 'today', notes: [] }),
      { key: 'import-invalid', values: { path: 'exported' } },
    ],
    ['a duplicate id', file([note(1, 'x'), note(1, 'y')]), { key: 'import-duplicate', values: { id: ID(1) } }],
  ])('names the refusal of %s for the reader’s language', async (_label, text, wording) => {
    const store = await openStore()
    await expect(importNotes(store, text, false)).rejects.toMatchObject({ code: 'invalid-input', wording })
  })

  it('leaves out, with its reason, each note the editor could not have saved, and imports the rest', async () => {
    const dir = await tempDir()
    const store = await openStore(dir)
    const text = file([
      { ...note(1, 'x'), id: 'not-a-uuid' },
      { ...note(2, 'from the future'), updated: '2999-01-01T00:00:00.000Z' },
      { ...note(3, 'out of order'), created: T(9), updated: T(2) },
      { ...note(4, 'a 30th of February'), created: '2026-02-30T00:00:00.000Z' },
      { ...note(5, 'a tag with a comma'), tags: ['a,b'] },
      { ...note(6, 'fine') },
      { ...note(7, 'x'), __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
    ])
    const before = await storeBytes(dir)
    const preview = await importNotes(store, text, false)
    expect(preview).toMatchObject({ total: 7, added: 2, applied: false })
    expect(preview.refused.map((r) => [r.id, r.code])).toEqual([
      ['not-a-uuid', 'rules'],
      [ID(2), 'future'],
      [ID(3), 'order'],
      [ID(4), 'rules'],
      [ID(5), 'rules'],
    ])
    expect(preview.refused[0]!.detail).toMatch(/^id: /)
    expect(preview.refused[1]!.detail).toBe('2999-01-01T00:00:00.000Z')
    expect(preview.refused[3]!.detail).toMatch(/^created: .*between the years 2000 and 2999/)
    // What the reader's language words: where the rule is broken, and the dates out of order, apart from the English.
    expect(preview.refused.map((r) => r.path ?? null)).toEqual(['id', null, null, 'created', 'tags.0'])
    expect(preview.refused[2]!.dates).toEqual({ created: T(9), updated: T(2), previous: null })
    expect(await storeBytes(dir)).toBe(before)
    await importNotes(store, text, true)
    expect([...store.notes.keys()]).toEqual([ID(6), ID(7)])
    // Prototype keys are dropped when the file is read; nothing reaches Object.prototype.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.keys(store.notes.get(ID(7))!)).not.toContain('constructor')
  })

  it('merges by versions where the file has them, and by dates where it is from before versions', async () => {
    const store = await openStore()
    const here = store.device.id
    await store.apply({
      op: 'put-notes',
      notes: [note(1, 'one'), note(2, 'two'), note(3, 'three'), { ...note(4, 'four'), versions: { [TEST_DEVICE]: 3 } }],
    })
    const summary = await importNotes(
      store,
      file(
        [
          // Seen every change of ours (and dated earlier: the dates are not asked).
          { ...note(1, 'one, edited elsewhere'), versions: { [TEST_DEVICE]: 1, [OTHER]: 1 } },
          // Changed elsewhere from a version we never saw: both kept.
          { ...note(2, 'two, diverged'), versions: { [OTHER]: 1 }, updated: T(5), previous: T(0) },
          // An older file's edit, made from our version: taken, as a change made here.
          older(3, 'three, edited elsewhere', T(5), T(0)),
          // Behind ours.
          { ...note(4, 'four, old'), versions: { [TEST_DEVICE]: 2 }, updated: T(9), previous: T(8) },
        ],
        1,
      ),
      true,
    )
    expect(summary).toMatchObject({ added: 0, updated: 2, keptNewer: 1, conflicts: 1, refused: [] })
    expect(store.notes.get(ID(1))).toMatchObject({ body: 'one, edited elsewhere', versions: { [TEST_DEVICE]: 1, [OTHER]: 1 } })
    expect(store.notes.get(ID(2))?.body).toBe('two')
    const copy = [...store.notes.values()].find((n) => n.body === 'two, diverged')
    expect(copy).toMatchObject({ conflictOf: ID(2), versions: { [here]: 1 }, tags: [CONFLICT_TAG] })
    expect(store.notes.get(ID(3))).toMatchObject({ body: 'three, edited elsewhere', versions: { [TEST_DEVICE]: 1, [here]: 1 } })
    expect(store.notes.get(ID(4))?.body).toBe('four')
  })

  it('leaves out a note whose version or conflict mark breaks the rules, or leaves no room for an edit', async () => {
    const store = await openStore()
    const many = Object.fromEntries(Array.from({ length: MAX_VERSION_ENTRIES }, (_, i) => [deviceId(i + 10), 1]))
    const preview = await importNotes(
      store,
      file([
        { ...note(1, 'a device that is not a UUID'), versions: { laptop: 1 } },
        { ...note(2, 'a counter of 0'), versions: { [OTHER]: 0 } },
        { ...note(3, 'a fraction'), versions: { [OTHER]: 1.5 } },
        { ...note(4, 'no device'), versions: {} },
        { ...note(5, 'every device there can be'), versions: many },
        { ...note(6, 'a counter past what an edit can follow'), versions: { [OTHER]: MAX_EDITABLE_COUNTER + 1 } },
        { ...note(7, 'a conflict mark that is not a note id'), conflictOf: '../etc' },
        { ...note(8, 'a version as text'), versions: 'v1' },
        { ...note(9, 'fine'), versions: { [OTHER]: MAX_EDITABLE_COUNTER } },
      ]),
      false,
    )
    expect(preview.refused.map((r) => [r.id, r.code, r.detail.split(':')[0]])).toEqual([
      [ID(1), 'rules', 'versions'],
      [ID(2), 'rules', 'versions'],
      [ID(3), 'rules', 'versions'],
      [ID(4), 'rules', 'versions'],
      [ID(5), 'rules', 'versions'],
      [ID(6), 'rules', 'versions'],
      [ID(7), 'rules', 'conflictOf'],
      [ID(8), 'rules', 'versions'],
    ])
    expect(preview.added).toBe(1)
  })

  it('keeps a diverged edit once, however often the same file is imported', async () => {
    const store = await openStore()
    await store.apply({ op: 'put-note', note: { ...note(1, 'mine'), versions: { [TEST_DEVICE]: 2 } } })
    const text = file([{ ...note(1, 'theirs'), versions: { [OTHER]: 1 } }])
    expect(await importNotes(store, text, true)).toMatchObject({ conflicts: 1 })
    expect(await importNotes(store, text, true)).toMatchObject({ conflicts: 0, unchanged: 1 })
    // The same text from another device's version of the file: the same conflict, kept once.
    expect(await importNotes(store, file([{ ...note(1, 'theirs'), versions: { [deviceId(7)]: 3 } }]), true)).toMatchObject({ conflicts: 0 })
    expect([...store.notes.values()].map((n) => n.body).sort()).toEqual(['mine', 'theirs'])
  })

  it('brings back a note deleted here for good, as a change made after the deletion', async () => {
    const store = await openStore()
    await store.apply({ op: 'put-note', note: note(1, 'deleted, then imported') })
    await store.apply({
      op: 'merge',
      notes: [],
      remove: [ID(1)],
      tombstones: [{ id: ID(1), versions: { [TEST_DEVICE]: 2 }, deleted: T(9), shared: false }],
    })
    expect(await importNotes(store, file([note(1, 'deleted, then imported')]), true)).toMatchObject({ added: 1 })
    expect(store.notes.get(ID(1))?.versions).toEqual({ [TEST_DEVICE]: 2, [store.device.id]: 1 })
  })

  it('reads what files of versions 1 and 2 do not say (shared mark, author) from the note here, or the defaults', async () => {
    const store = await openStore()
    const { shared: _s, author: _a, ...v2 } = note(2, 'two')
    await importNotes(store, file([v2], 2), true)
    expect(store.notes.get(ID(2))).toMatchObject({ shared: false, author: null })
    const exported = JSON.parse(exportJson(store).content) as { version: number; notes: Note[] }
    expect(exported.version).toBe(3)
    expect(exported.notes[0]).toMatchObject({ shared: false, author: null })
  })

  it('exports each note as a Markdown file with front matter, in a zip, leaving the trash out', async () => {
    const store = await openStore()
    await store.apply({
      op: 'put-notes',
      notes: [
        { ...note(1, 'Hello **CECOP**'), tags: ['board', 'quote "x"'] },
        { ...note(2, 'bin'), trashed: T(2) },
      ],
    })
    const zip = exportMarkdownZip(store, () => 'CECOP – CICOPA Europe')
    const files = unzipSync(Buffer.from(zip.content, 'base64'))
    const names = Object.keys(files)
    expect(names).toEqual([`coop-atlas-notes/organisation/cecop-cicopa-europe--${ID(1).slice(0, 8)}.md`])
    const text = strFromU8(files[names[0]!]!)
    expect(text).toBe(
      [
        '---',
        `id: "${ID(1)}"`,
        'target: "organisation/cecop"',
        'about: "CECOP – CICOPA Europe"',
        'tags: ["board", "quote \\"x\\""]',
        `created: "${T(0)}"`,
        `updated: "${T(0)}"`,
        `versions: {"${TEST_DEVICE}": 1}`,
        '---',
        '',
        'Hello **CECOP**',
        '',
      ].join('\n'),
    )
  })

  it('exports a free-standing note in a folder of its own, named after its first line, and a note’s other subjects', async () => {
    const store = await openStore()
    await store.apply({
      op: 'put-notes',
      notes: [
        { ...note(1, '# Lisbon trip\nQuestions'), target: null },
        { ...note(2, 'Joint statement'), alsoAbout: [{ kind: 'organisation', id: 'cicopa' }] },
      ],
    })
    const zip = exportMarkdownZip(store, (t) => t.id.toUpperCase())
    const files = unzipSync(Buffer.from(zip.content, 'base64'))
    const free = `coop-atlas-notes/free/lisbon-trip--${ID(1).slice(0, 8)}.md`
    expect(Object.keys(files).sort()).toEqual([free, `coop-atlas-notes/organisation/cecop--${ID(2).slice(0, 8)}.md`].sort())
    expect(strFromU8(files[free]!)).toContain('target: null # a free-standing note\nabout: null\n')
    const several = strFromU8(files[`coop-atlas-notes/organisation/cecop--${ID(2).slice(0, 8)}.md`]!)
    expect(several).toContain('target: "organisation/cecop"\nalso: ["organisation/cicopa"]\nabout: "CECOP"\n')
  })
})
