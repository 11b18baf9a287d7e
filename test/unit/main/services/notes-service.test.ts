import { afterEach, describe, expect, it } from 'vitest'
import { NotesService } from '../../../../src/main/services/notes-service'
import { normaliseTags } from '../../../../src/shared/note-rules'
import { UserStore } from '../../../../src/main/store/user-store'
import type { NoteTarget } from '../../../../src/shared/domain'
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
    expect(notes.listFor(cecop)).toEqual([])
    expect(notes.listAll()[0]).toMatchObject({ id: note.id, trashed: expect.any(String) })
    await notes.restore(note.id)
    expect(notes.listFor(cecop).map((n) => n.body)).toEqual(['keep me'])
    await notes.trash(note.id)
    expect(await notes.emptyTrash()).toEqual({ deleted: 1 })
    expect(store.notes.size).toBe(0)
  })

  it('orders edits even when the clock steps back, and records the version each edit came from', async () => {
    let time = Date.UTC(2026, 0, 2)
    const { notes } = await service(() => new Date(time))
    const first = await notes.create(cecop, 'v1')
    time -= 60_000
    const second = await notes.update(first.id, { body: 'v2' })
    expect(second.updated > first.updated).toBe(true)
    expect(second.previous).toBe(first.updated)
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
})
