import { unzipSync, strFromU8 } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { CONFLICT_TAG, decide, exportJson, exportMarkdownZip, importNotes } from '../../../../src/main/services/notes-transfer'
import { UserStore } from '../../../../src/main/store/user-store'
import type { Note } from '../../../../src/shared/domain'
import { aNote, minute, noteId } from '../../../support/notes'
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
const file = (notes: unknown[]) => JSON.stringify({ format: 'coop-atlas-notes', version: 1, exported: T(30), notes })

describe('decide (merge by note id)', () => {
  it('adds what is new and leaves what is the same', () => {
    expect(decide(undefined, note(1, 'x'))).toMatchObject({ kind: 'add' })
    expect(decide(note(1, 'x'), note(1, 'x'))).toEqual({ kind: 'unchanged' })
  })
  it('takes the newer edit when it was made from the local version', () => {
    expect(decide(note(1, 'old', T(1)), note(1, 'new', T(5), T(1)))).toMatchObject({ kind: 'update', note: { body: 'new' } })
  })
  it('keeps the local note when it is the newer edit', () => {
    expect(decide(note(1, 'local newer', T(5), T(1)), note(1, 'old', T(1)))).toEqual({ kind: 'keptNewer' })
  })
  it('keeps both when both changed since they last agreed: the import becomes a second, tagged note', () => {
    const decision = decide(note(1, 'edited here', T(5), T(1)), note(1, 'edited there', T(7), T(1)))
    expect(decision).toMatchObject({ kind: 'conflict', note: { body: 'edited there', tags: [CONFLICT_TAG] } })
    expect((decision as { note: Note }).note.id).not.toBe(ID(1))
  })
})

describe('import and export', () => {
  it('round-trips every note through the JSON export', async () => {
    const source = await openStore()
    await source.apply({ op: 'put-notes', notes: [note(1, 'one'), { ...note(2, 'two'), trashed: T(3) }] })
    const exported = exportJson(source)
    const target = await openStore()
    const summary = await importNotes(target, exported.content, true)
    expect(summary).toEqual({ total: 2, added: 2, updated: 0, unchanged: 0, keptNewer: 0, conflicts: 0, refused: [], applied: true })
    expect([...target.notes.values()]).toEqual([note(1, 'one'), { ...note(2, 'two'), trashed: T(3) }])
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
    ['a newer version', JSON.stringify({ format: 'coop-atlas-notes', version: 2, exported: T(0), notes: [] }), /newer Coop Atlas/],
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
    expect(await storeBytes(dir)).toBe(before)
    await importNotes(store, text, true)
    expect([...store.notes.keys()]).toEqual([ID(6), ID(7)])
    // Prototype keys are dropped when the file is read; nothing reaches Object.prototype.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.keys(store.notes.get(ID(7))!)).not.toContain('constructor')
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
        '---',
        '',
        'Hello **CECOP**',
        '',
      ].join('\n'),
    )
  })
})
