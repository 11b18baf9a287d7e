/**
 * The index built from nothing in a builder (a worker thread in the app; here the same messages over a
 * MessageChannel): it finds what a build on main finds, follows the saves made while it builds, answers queries
 * meanwhile, writes the file it gives back, and a builder that breaks or a close mid-build costs nothing but time.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inThreadBuilder, IndexBuilderClient, type BuilderPort } from '../../../../../src/main/services/note-search/index-builder'
import { INDEX_FILE } from '../../../../../src/main/services/note-search/index-file'
import { NoteSearch } from '../../../../../src/main/services/note-search/note-search'
import { NotesService } from '../../../../../src/main/services/notes-service'
import { undecodedBody } from '../../../../../src/main/store/snapshot-format'
import { UserStore } from '../../../../../src/main/store/user-store'
import type { NoteTarget } from '../../../../../src/shared/domain'
import { aNote } from '../../../../support/notes'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close()
})

const describeTarget = (t: NoteTarget) => (t.kind === 'organisation' && t.id === 'cecop' ? 'CECOP' : null)
const cecop = { kind: 'organisation', id: 'cecop' } as const

async function storeWithNotes(count: number) {
  const folder = await tempDir()
  const store = await UserStore.open(folder)
  open.push(store)
  const notes = new NotesService({ store, describeTarget, nameIndex: () => new Map() })
  const made = []
  for (let n = 0; n < count; n++) made.push(await notes.create(n % 2 ? cecop : null, `Note ${n} about workers${n} and a federation`))
  return { folder, store, notes, made }
}

function searchOver(store: UserStore, startBuilder?: () => IndexBuilderClient, sliceMs?: number) {
  const search = new NoteSearch({
    store,
    describe: describeTarget,
    packId: () => 'pack-1',
    ...(startBuilder ? { startBuilder } : {}),
    ...(sliceMs !== undefined ? { sliceMs } : {}),
  })
  open.push(search)
  return search
}

/** Every note is found by its own word (workersN, a prefix of a few others). */
async function expectEvery(search: NoteSearch, notes: { id: string }[]) {
  for (const [n, note] of notes.entries()) {
    const word = /workers\d+/.exec((note as { body?: string }).body ?? '')?.[0] ?? `workers${n}`
    expect(await ids(search, word), word).toContain(note.id)
  }
}

const ids = async (search: NoteSearch, query: string) => (await search.search(query, 50, 'en')).hits.map((h) => h.id).sort()

describe('the index built in a builder', () => {
  it('finds what a build on main finds, and writes the file that the next start trusts', async () => {
    const { folder, store } = await storeWithNotes(40)
    const onMain = searchOver(store)
    await onMain.settled()
    const inBuilder = searchOver(store, inThreadBuilder)
    await inBuilder.settled()
    expect(inBuilder.stats.builtIn).toBe('worker')
    expect(onMain.stats.builtIn).toBe('main')
    for (const query of ['federation', 'workers1', 'cecop', 'note workers3', 'nothing'])
      expect(await ids(inBuilder, query), query).toEqual(await ids(onMain, query))
    // Written by the builder even for 40 notes (off main it costs main nothing), and read back as it is.
    await inBuilder.close()
    expect((await stat(join(folder, INDEX_FILE))).size).toBeGreaterThan(0)
    const next = searchOver(store)
    await next.settled()
    expect(next.stats).toMatchObject({ source: 'file', indexed: 0 })
    expect(await ids(next, 'federation')).toHaveLength(40)
    expect(await ids(next, 'workers39')).toEqual(await ids(onMain, 'workers39'))
  })

  it('hands the worker the bodies as the store file holds them, never decoding one on main', async () => {
    const { folder, store, made } = await storeWithNotes(60)
    await store.close()
    // Reopened: the bodies are read from the snapshot only when something reads them.
    const reopened = await UserStore.open(folder)
    open.push(reopened)
    const sent = { asBytes: 0, asText: 0 }
    const watched = () => {
      const client = inThreadBuilder()
      const batch = client.batch.bind(client)
      client.batch = (add, remove, bodies) => {
        for (const [, , , body] of add) sent[body === null ? 'asBytes' : 'asText']++
        return batch(add, remove, bodies)
      }
      return client
    }
    const search = searchOver(reopened, watched)
    await search.settled()
    expect(search.stats.builtIn).toBe('worker')
    // Every body went as the file's bytes (but one the warm-up searches had read first, had they run before it).
    expect(sent.asBytes + sent.asText).toBe(60)
    expect(sent.asText).toBeLessThan(10)
    await expectEvery(search, made)
    const notes = [...reopened.notes.values()]
    // A body read since (an edit, a profile shown) goes as text: the same words are found either way.
    expect(notes[0]!.body).toContain('federation')
    expect(undecodedBody(notes[0]!)).toBeNull()
  })

  it('hands the worker every note, and its file holds them all, even when each batch is cut short by its time slice', async () => {
    const { folder, store, made } = await storeWithNotes(40)
    let sent = 0
    const counted = () => {
      const client = inThreadBuilder()
      const batch = client.batch.bind(client)
      client.batch = (add, remove, bodies) => ((sent += add.length), batch(add, remove, bodies))
      return client
    }
    // A slice of 0 ms: every batch stops after its first note, as a busy machine's 2 ms slices may after a few.
    const search = searchOver(store, counted, 0)
    await search.settled()
    expect(search.stats.builtIn).toBe('worker')
    expect(sent).toBe(40)
    await expectEvery(search, made)
    await search.close()
    expect((await stat(join(folder, INDEX_FILE))).size).toBeGreaterThan(0)
    const next = searchOver(store)
    await next.settled()
    expect(next.stats).toMatchObject({ source: 'file', indexed: 0 })
  })

  it('follows saves, edits and the trash made while it builds, and answers queries meanwhile', async () => {
    const { store, notes, made } = await storeWithNotes(300)
    const search = searchOver(store, inThreadBuilder)
    await search.loaded()
    // The build is under way: answered by the builder, from what it holds so far, and said to be partial.
    const during = await search.search('federation', 50, 'en')
    expect(during.indexing).toBe(true)
    const added = await notes.create(null, 'a zeppelin arrived mid-build')
    const edited = await notes.update(made[5]!.id, { body: 'now about a quokka' }, made[5]!.versions)
    await notes.trash(made[7]!.id)
    await search.settled()
    expect(search.indexing).toBe(false)
    expect(await ids(search, 'zeppelin')).toEqual([added.id])
    expect(await ids(search, 'quokka')).toEqual([edited.note.id])
    expect(await ids(search, 'workers5')).not.toContain(made[5]!.id)
    expect(await ids(search, 'workers7')).not.toContain(made[7]!.id)
    await expectEvery(
      search,
      made.filter((_, n) => n !== 5 && n !== 7),
    )
    // A save after the build is indexed on main, as any other.
    const after = await notes.create(null, 'an okapi afterwards')
    expect(await ids(search, 'okapi')).toEqual([after.id])
  })

  it('reads a large change (a merge of a thousand notes) in a builder while the index as it was answers', async () => {
    const { store, made } = await storeWithNotes(50)
    let started = 0
    const search = searchOver(store, () => (started++, inThreadBuilder()))
    await search.settled()
    expect(started).toBe(1)
    const arriving = Array.from({ length: 1000 }, (_, n) => aNote(5000 + n, `Merged ${n} about a pangolin${n}`))
    await store.apply({ op: 'merge', notes: arriving, remove: [made[3]!.id], tombstones: [] })
    // A builder builds anew; meanwhile the index as it was answers, checked against the store: a note removed by the
    // merge is never given, the others are found, and the answer says it is partial.
    const during = await search.search('federation', 50, 'en')
    expect(started).toBe(2)
    expect(during.indexing).toBe(true)
    expect(during.hits.length).toBeGreaterThan(0)
    expect(await ids(search, 'workers3')).not.toContain(made[3]!.id)
    await search.settled()
    expect(search.stats.builtIn).toBe('worker')
    expect(await ids(search, 'pangolin999')).toEqual([arriving[999]!.id])
    await expectEvery(
      search,
      made.filter((_, n) => n !== 3),
    )
  })

  it('ends its build while saves keep coming, and reads those saved after its last batch on main', async () => {
    const { store, notes, made } = await storeWithNotes(300)
    // A worker slower than the saves: each batch answered 20 ms late (a busy core).
    const slow = () => {
      const client = inThreadBuilder()
      const batch = client.batch.bind(client)
      client.batch = (...args) => batch(...args).then(() => new Promise((resolve) => setTimeout(resolve, 20)))
      return client
    }
    const search = searchOver(store, slow)
    await search.loaded()
    const saved = []
    // A save after every other one, as a busy writer (or the bench) makes them, until the worker's index is main's.
    while (search.stats.adoptMs === null && saved.length < 500)
      saved.push(await notes.create(null, `Busy ${saved.length} okapi${saved.length}`))
    expect(search.stats.adoptMs).not.toBeNull()
    await search.settled()
    expect(await ids(search, `okapi${saved.length - 1}`)).toEqual([saved.at(-1)!.id])
    await expectEvery(search, made)
  })

  it('reads on main the saves that piled up while its builder finished, without building anew for them', async () => {
    const { store, notes, made } = await storeWithNotes(60)
    let started = 0
    let letFinish = () => {}
    const finishing = new Promise<void>((resolve) => (letFinish = resolve))
    const held = () => {
      started++
      const client = inThreadBuilder()
      const finish = client.finish.bind(client)
      // The worker's answer held until more than a thousand saves have come, one at a time (a fast writer).
      client.finish = (...args) => finishing.then(() => finish(...args))
      return client
    }
    const search = searchOver(store, held)
    await search.loaded()
    const saved = []
    for (let n = 0; n < 1100; n++) saved.push(await notes.create(null, `Piled ${n} okapi${n}`))
    letFinish()
    await search.settled()
    expect(started).toBe(1)
    expect(search.stats.builtIn).toBe('worker')
    expect(await ids(search, 'okapi1099')).toEqual([saved[1099]!.id])
    expect(await ids(search, 'okapi0')).toContain(saved[0]!.id)
    await expectEvery(search, made)
  })

  it('gives up a builder that breaks mid-build, and builds on main instead, with nothing lost', async () => {
    const { store, made } = await storeWithNotes(200)
    let batches = 0
    const breaking = () => {
      const client = inThreadBuilder()
      // The second batch never answers: the worker died (as an 'error' or 'exit' event would say).
      const batch = client.batch.bind(client)
      client.batch = (add, remove) => {
        if (++batches === 2) {
          client.fail(new Error('the worker died'))
          return Promise.reject(new Error('the worker died'))
        }
        return batch(add, remove)
      }
      return client
    }
    // Slices of no time: a batch a note, so the build is well under way when the builder breaks.
    const search = searchOver(store, breaking, 0)
    await search.settled()
    expect(batches).toBeGreaterThanOrEqual(2)
    expect(search.stats.builtIn).toBe('main')
    await expectEvery(search, made)
  })

  it('writes nothing when closed mid-build, and the next start builds again', async () => {
    const { folder, store, made } = await storeWithNotes(300)
    const search = searchOver(store, inThreadBuilder)
    await search.loaded()
    await search.close()
    expect(await readFile(join(folder, INDEX_FILE)).catch(() => null)).toBeNull()
    const next = searchOver(store, inThreadBuilder)
    await next.settled()
    expect(next.stats).toMatchObject({ source: 'rebuilt', untrusted: 'missing', builtIn: 'worker' })
    await expectEvery(next, made)
  })

  it('fails every call waiting when the worker goes, and every later one', async () => {
    const posted: unknown[] = []
    const port: BuilderPort = { postMessage: (m) => void posted.push(m), on: () => undefined, off: () => undefined }
    const client = new IndexBuilderClient(port, () => undefined)
    const waiting = client.search('x', 5)
    client.fail(new Error('exit code 1'))
    await expect(waiting).rejects.toThrow('exit code 1')
    await expect(client.batch([], [])).rejects.toThrow('exit code 1')
    expect(posted).toHaveLength(1)
  })
})
