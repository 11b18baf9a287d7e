/**
 * Search over the user's notes, in main, beside the store that owns them: a word index (shared/text-index.ts) kept
 * in step with every change the store makes (a save, a trash, an import, a merge from other devices, a backup
 * brought back), and kept on disk between runs (index-file.ts) so that a start reads it back instead of reading
 * 50,000 notes again. The file is read as soon as the store is open, in the background; a query that arrives
 * before it is in waits only for what is left of that read. A file that cannot be trusted (missing, damaged, of
 * another format or store version, built from another pack) is built again from the store: in a
 * worker thread when one can be started (index-builder.ts), which also writes the file, else on main a slice at a
 * time, between which main answers the window's calls. Notes changed since the file was written (their stamp
 * differs) are read again on main; a thousand or more at once (a merge, an import, a backup brought back), and the
 * worker builds the whole index anew while the index as it was answers. Meanwhile a search answers from what is
 * indexed and says so (`indexing`).
 *
 * A hit is always checked against the store before it is given: a note deleted or in the trash is never shown,
 * and one not yet read again since it changed is shown only if its text as it is now still holds every word.
 * Only what the palette shows crosses to the renderer: title, subjects, and the words around the match.
 */
import type { NoteSearchHit, NoteSearchResult } from '../../../shared/domain'
import type { PackLocale } from '../../../shared/content/texts'
import { holdsPhrase, parseQuery, phraseText, snippetAround } from '../../../shared/search-query'
import { foldedWords, MIN_WORD, TextIndex, type TextHit } from '../../../shared/text-index'
import { STORE_VERSION, type StoredNote } from '../../store/schema'
import type { UserStore } from '../../store/user-store'
import { createHash } from 'node:crypto'
import { IndexBuilderClient, type BuilderBodies, type BuilderNote } from './index-builder'
import { BACKGROUND_SLICE_MS, runInSlices } from '../../work-in-slices'
import { indexAsItIs, readIndexFile, writeIndexFile, type IndexContents, type Untrusted } from './index-file'
import { aboutLine, noteReading, noteStamp, searchablePrefix, searchableText, type Describe } from './note-text'
import { undecodedBody } from '../../store/snapshot-format'

export interface NoteSearchOptions {
  store: UserStore
  /** A subject's name in the pack in use, in a language; null when the pack does not have it. */
  describe: Describe
  /** Which pack names the subjects (its version): the file holds names from one pack. */
  packId: () => string
  /** How long one slice of indexing may hold main (ms). */
  sliceMs?: number
  /** Writing the file back after a rebuild (tests turn it off to look at a file as it was). */
  saveAfterBuild?: boolean
  /**
   * A worker to build the index from nothing in (index-builder.ts); with none, or one that fails, main builds it in
   * slices. The app starts one from the built note-index-worker.js.
   */
  startBuilder?: () => IndexBuilderClient
}

/** How many searches warm the index up after it is read. */
const WARM_UP_SEARCHES = 12
/** Notes read again since the file was written above which quitting writes it anew (else the next start reads them). */
const SAVE_AT_CLOSE = 200
/** How long one slice of the check of a file read against the store may hold main (ms). */
const CHECK_SLICE_MS = 4
/** Notes changed at once that a query reads in itself rather than leave to the background. */
const INLINE_CHANGES = 200
/** A rebuild this large is written back to the file at once; smaller changes wait for close (their stamps tell). */
const SAVE_AFTER = 1000
/** Text sent to the worker in one message (characters): ~100 notes, some 20 ms of its work. */
const BATCH_CHARS = 256 * 1024
/**
 * Notes changed by one entry (a merge, an import) from which, when a worker can be started, the whole index is built
 * anew there while the index as it was answers: reading them on main, even in 2 ms slices, held saves up (at 50,000 notes,
 * after a merge of 10,000 changes: p95 24 ms for 12 s); a build in the worker holds them for 2-3 ms.
 */
const REBUILD_IN_WORKER_AT = 1000
/**
 * Notes waiting below which the worker is sent its last batch and asked for the index; those saved later are read on
 * main once it is main's. Waiting for none left would never end while saves keep coming faster than a batch's round
 * trip (as the bench saves, one after another).
 */
const BUILDER_TAIL = 50

export interface NoteSearchStats {
  /** Where the index came from at start: the file, or rebuilt (and why). */
  source: 'file' | 'rebuilt' | null
  untrusted: Untrusted | 'pack' | null
  /** The file's read, check and decoding (ms); with the freshness check against the store. */
  loadMs: number | null
  /** That time in steps (ms): read, SHA-256, decoding, the index made, the freshness check; and the file's bytes. */
  loadSteps: Record<string, number>
  /** Notes read into the index since start, and how long that took in total (ms). */
  indexed: number
  indexMs: number
  fileBytes: number | null
  /** Where the last build from nothing ran, and how long main took to hold the index the worker gave back (ms). */
  builtIn: 'worker' | 'main' | null
  adoptMs: number | null
  /** Writes of the file since start, and the last one's time (ms: encoding + durable write). */
  saves: number
  saveMs: number | null
  /** The search run once the index is in, so that the reader's first is not the first (ms). */
  warmUpMs: number | null
}

export class NoteSearch {
  readonly #store: UserStore
  readonly #describe: Describe
  readonly #packId: () => string
  readonly #sliceMs: number
  readonly #saveAfterBuild: boolean
  readonly #startBuilder: (() => IndexBuilderClient) | null
  /** While the index is built from nothing in a worker: the worker, which holds the index meanwhile. */
  #builder: IndexBuilderClient | null = null
  /** While a worker builds the index anew after a large change: the index as it was, which answers meanwhile. */
  #previous: { index: TextIndex; stamps: Map<string, string> } | null = null
  /**
   * A change of REBUILD_IN_WORKER_AT notes or more came in one entry (a merge, an import, a backup brought back).
   * Only such a change starts a build anew: saves that pile up one by one while a worker finishes are few enough
   * to read on main, and a rebuild for them would start another pile (at a save a millisecond, without end).
   */
  #largeChange = false
  #index = new TextIndex()
  /** The stamp of each note as indexed. */
  #stamps = new Map<string, string>()
  /** Notes to look at again: indexed anew, dropped, or left as they are, by comparing stamps with the store. */
  readonly #todo = new Set<string>()
  #indexedPack = ''
  /** Counts the indexes dropped for a rebuild: a save of the one before is then not written (save). */
  #generation = 0
  readonly #loaded: Promise<void>
  /** The check of a file read against the store, in slices after the load (null once done). */
  #checking: Promise<void> | null = null
  #working: Promise<void> | null = null
  #saving: Promise<void> = Promise.resolve()
  #dirty = false
  #sinceSave = 0
  #closed = false
  readonly #unsubscribe: () => void
  readonly stats: NoteSearchStats = {
    source: null,
    untrusted: null,
    loadMs: null,
    loadSteps: {},
    indexed: 0,
    indexMs: 0,
    fileBytes: null,
    builtIn: null,
    adoptMs: null,
    saves: 0,
    saveMs: null,
    warmUpMs: null,
  }

  /** Starts reading the file at once, in the background (after the current task: the caller goes on first). */
  constructor(options: NoteSearchOptions) {
    this.#store = options.store
    this.#describe = options.describe
    this.#packId = options.packId
    // 2 ms: a save that arrives mid-build waits for the slice in progress twice (its call, its fsync's completion).
    // Measured at 50,000 notes (bench, saves while the index builds): p95 27 ms with 12 ms slices, 11 ms with 4, 7 ms
    // with 2, the build 10.1, 9.5 and 10.4 s. The rest is the collector; a worker thread would take it all off main.
    this.#sliceMs = options.sliceMs ?? 2
    this.#saveAfterBuild = options.saveAfterBuild ?? true
    this.#startBuilder = options.startBuilder ?? null
    this.#unsubscribe = this.#store.onChange((entry) => {
      if (entry === null) {
        this.#largeChange = true
        return this.#lookAgainAtAll()
      }
      switch (entry.op) {
        case 'put-note':
          return this.#changed([entry.note.id])
        case 'put-notes':
          return this.#changed(entry.notes.map((n) => n.id))
        case 'delete-note':
          return this.#changed([entry.id])
        case 'merge':
          return this.#changed([...entry.remove, ...entry.notes.map((n) => n.id)])
      }
    })
    this.#loaded = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#load())
  }

  /** Resolves once the file is read (or found unusable) and checked against the store. */
  loaded(): Promise<void> {
    return this.#loaded
  }

  /** Resolves once every note is indexed as it is now, and a file being written is written. */
  async settled(): Promise<void> {
    await this.#loaded
    await this.#checking
    while (this.#working || this.#todo.size > 0) await (this.#working ?? this.#kick())
    await this.#saving
  }

  get indexing(): boolean {
    return this.#todo.size > 0 || this.#checking !== null || this.#builder !== null
  }

  async search(query: string, limit: number, locale: PackLocale): Promise<NoteSearchResult> {
    await this.#loaded
    if (this.#indexedPack !== this.#packId()) this.#reindexAll()
    // A few changed notes (a save just made) are read in now, so a search right after a save finds it (while a
    // worker builds, they go to it with the next batch).
    if (!this.#builder && this.#todo.size > 0 && this.#todo.size <= INLINE_CHANGES) this.#drain(Infinity)
    if (this.#todo.size > 0) void this.#kick()
    const parsed = parseQuery(query)
    const words = parsed.words.filter((w) => w.length >= MIN_WORD)
    const hits: NoteSearchHit[] = []
    if (words.length > 0) {
      const ask = parsed.phrases.length > 0 ? limit * 5 : limit + 10
      const found = await this.#find(words.join(' '), ask)
      for (const { id, score } of found.hits) {
        const note = this.#store.notes.get(id)
        if (!note || note.trashed) continue
        if (found.stamps.get(id) !== noteStamp(note) && !holdsWords(searchableText(note, this.#describe), words)) continue
        if (parsed.phrases.length > 0) {
          const spaced = phraseText(searchableText(note, this.#describe))
          if (!parsed.phrases.every((p) => holdsPhrase(spaced, p))) continue
        }
        const reading = noteReading(note.body)
        hits.push({
          id,
          score,
          title: reading.title,
          about: aboutLine(note, this.#describe, locale),
          target: note.target,
          snippet: snippetAround(reading.text, words) ?? null,
        })
        if (hits.length === limit) break
      }
    }
    return { hits, indexing: this.indexing, toIndex: this.#todo.size }
  }

  /**
   * Stops following the store, and writes the index back when many notes changed since it was read or written. A
   * few are not worth rewriting the whole file at quit: their stamps tell the next start to read them again.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#unsubscribe()
    await this.#loaded.catch(() => undefined)
    this.#closed = true
    // A build cut short: nothing of it is kept, so nothing half-built is written below (the next start builds).
    if (this.#builder) this.#dropIndex()
    await this.#saving
    if (this.#dirty && this.#sinceSave >= SAVE_AT_CLOSE) await this.#save().catch(() => undefined)
  }

  /** Writes the index to its file now (the bench and tests; otherwise after a rebuild and at close). */
  async save(): Promise<void> {
    await this.#loaded
    const run = this.#saving.then(async () => {
      const start = performance.now()
      // Taken a slice at a time while notes go on being indexed (at 50,000 notes the file held main 0.6-1.1 s in
      // one block, every thousand changes or so: npm run bench), as the index and stamps are now (indexAsItIs).
      // The pack its subjects were named from is taken with them. A rebuild begun meanwhile (a new pack, a large
      // change) writes its own file: this one, older, is then not written.
      const index = this.#index
      const changes = index.changes
      const packId = this.#indexedPack
      const generation = this.#generation
      const current = () => this.#generation === generation
      const slice = Math.min(this.#sliceMs, BACKGROUND_SLICE_MS)
      const { parts, stamps } = await runInSlices(indexAsItIs(index, this.#stamps), slice)
      if (!current()) return
      // The index as read back from a file: its word lists in one typed array rather than tens of thousands of
      // growing ones (a quarter of the memory after a rebuild of 50,000 notes). Not when it changed meanwhile.
      if (index.changes === changes) this.#index = TextIndex.fromParts(parts)
      const written = await writeIndexFile(this.#store.folder, parts, stamps, { storeVersion: STORE_VERSION, packId }, slice, current)
      if (!written) return
      const { bytes } = written
      this.stats.fileBytes = bytes
      this.stats.saves++
      this.stats.saveMs = performance.now() - start
    })
    this.#saving = run.catch(() => undefined)
    return run
  }

  #save(): Promise<void> {
    this.#dirty = false
    this.#sinceSave = 0
    return this.save()
  }

  async #load(): Promise<void> {
    const start = performance.now()
    const steps = this.stats.loadSteps
    const file = await readIndexFile(this.#store.folder, STORE_VERSION, steps)
    const step = performance.now()
    const packId = this.#packId()
    let trusted = false
    if (typeof file === 'string') this.stats.untrusted = file
    else if (file.header.packId !== packId) this.stats.untrusted = 'pack'
    else {
      try {
        const loaded = TextIndex.fromParts(file.parts)
        // Changes saved while the file was being read are already waiting in #todo, and are looked at again below.
        this.#index = loaded
        this.#stamps = file.stamps
        trusted = true
      } catch {
        this.stats.untrusted = 'damaged'
      }
    }
    steps['indexMs'] = performance.now() - step
    this.#indexedPack = packId
    this.stats.source = trusted ? 'file' : 'rebuilt'
    this.stats.loadMs = performance.now() - start
    if (!trusted) this.#rebuild()
    else {
      // Queries are answered from here on (a hit is checked against the store as it is given); whether the file
      // holds every note as the store does now is checked next, in slices.
      const digest = (file as IndexContents).header.digest
      this.#checking = this.#checkFreshness(digest).finally(() => (this.#checking = null))
    }
    setImmediate(() => void this.#warmUp())
  }

  /**
   * A few searches, answered to nobody, once the index is in: the first searches of a process run cold (the word
   * lists' scratch space, the Markdown parser's first use, code not yet optimised) and cost several times a later
   * one; the reader's first keystrokes should not be what pays for it. Words of the first notes, whole and as the
   * short prefixes that expand the most, one search per task so that a real query goes between them.
   */
  async #warmUp(): Promise<void> {
    const words = new Set<string>()
    for (const note of this.#store.notes.values()) {
      if (note.trashed) continue
      const word = foldedWords(note.body.slice(0, 400)).find((w) => w.length >= 5 && !words.has(w))
      if (word) words.add(word).add(word.slice(0, 3)).add(word.slice(0, 4))
      if (words.size >= WARM_UP_SEARCHES) break
    }
    const start = performance.now()
    for (const word of words) {
      if (this.#closed) return
      await this.search(word, 5, 'en')
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.stats.warmUpMs = performance.now() - start
  }

  /**
   * Whether the index holds every note as the store holds it now, in slices (main answers calls between them): each
   * indexed note's stamp against the store's, in the file's order, their digest against the file's, and as many notes
   * not in the trash. A note that differs is read again; any other difference, and every note is looked at again.
   */
  async #checkFreshness(digest: string): Promise<void> {
    const start = performance.now()
    await new Promise((resolve) => setImmediate(resolve))
    const hash = createHash('sha256')
    let lines = ''
    let stale = 0
    // Short slices: the reader's first keystroke may well come while this runs.
    const slice = Math.min(this.#sliceMs, CHECK_SLICE_MS)
    let until = performance.now() + slice
    for (const [id, stamp] of [...this.#stamps]) {
      const note = this.#store.notes.get(id)
      const now = note && !note.trashed ? noteStamp(note) : ''
      if (now !== stamp) {
        this.#todo.add(id)
        stale++
      }
      lines += `${id}\t${now}\n`
      if (lines.length > 65536) {
        hash.update(lines)
        lines = ''
      }
      if (performance.now() >= until) {
        await new Promise((resolve) => setImmediate(resolve))
        if (this.#closed) return
        until = performance.now() + slice
      }
    }
    let live = 0
    for (const note of this.#store.notes.values()) if (!note.trashed) live++
    const same = hash.update(lines).digest('hex') === digest
    if (live !== this.#stamps.size - stale || (stale === 0 && !same)) this.#lookAgainAtAll()
    this.stats.loadSteps['freshMs'] = performance.now() - start
    if (this.#todo.size > 0) void this.#kick()
  }

  #changed(ids: readonly string[]): void {
    if (ids.length >= REBUILD_IN_WORKER_AT) this.#largeChange = true
    for (const id of ids) this.#todo.add(id)
    if (this.#todo.size > INLINE_CHANGES) void this.#kick()
  }

  /** Every note, as the store holds it and as the index holds it, is compared again (a backup brought back…). */
  #lookAgainAtAll(): void {
    for (const id of this.#store.notes.keys()) this.#todo.add(id)
    for (const id of this.#stamps.keys()) this.#todo.add(id)
    void this.#kick()
  }

  /** The pack changed: every note's subjects are named anew. */
  #reindexAll(): void {
    this.#indexedPack = this.#packId()
    this.#rebuild()
  }

  /**
   * Every note indexed from nothing: in a worker when one starts, else on main. With `keepAnswering` (a large change,
   * not a different pack) the index as it was answers until the worker's is in; its hits are checked like any other.
   */
  #rebuild(keepAnswering = false): void {
    const previous = { index: this.#index, stamps: this.#stamps }
    this.#dropIndex()
    this.#dirty = true
    if (this.#startBuilder) {
      try {
        this.#builder = this.#startBuilder()
      } catch {
        this.#builder = null
      }
    }
    if (this.#builder && keepAnswering) this.#previous = previous
    this.stats.builtIn = this.#builder ? 'worker' : 'main'
    this.#lookAgainAtAll()
  }

  /** An empty index, and no worker building one. */
  #dropIndex(): void {
    this.#generation++
    this.#builder?.stop()
    this.#builder = null
    this.#previous = null
    this.#stamps = new Map()
    this.#index = new TextIndex()
    this.#dirty = false
  }

  /**
   * The texts that hold every word of a query (as prefixes), and the stamps of the notes as that index read them:
   * from the index as it was while a worker builds anew after a large change, from the worker while it builds from
   * nothing, else from main's.
   */
  async #find(query: string, limit: number): Promise<{ hits: TextHit[]; stamps: ReadonlyMap<string, string> }> {
    if (this.#previous) return { hits: this.#previous.index.search(query, limit), stamps: this.#previous.stamps }
    const builder = this.#builder
    if (builder) {
      try {
        return { hits: await builder.search(query, limit), stamps: this.#stamps }
      } catch {
        // Finished (its index is main's now) or broken (main builds again): answered from main's below.
      }
    }
    return { hits: this.#index.search(query, limit), stamps: this.#stamps }
  }

  /**
   * Sends the worker what is waiting, a batch at a time (two at most on their way, so that a query waits behind
   * little), then takes its index back and leaves it writing the file. A worker that breaks is given up, and main
   * builds the index itself from the start.
   */
  async #feedBuilder(builder: IndexBuilderClient): Promise<void> {
    try {
      let previous: Promise<void> = Promise.resolve()
      while (this.#todo.size > 0 && this.#builder === builder && !this.#closed) {
        const last = this.#todo.size < BUILDER_TAIL
        const sent = builder.batch(...this.#takeBatch())
        // What the batch left: none, unless its time slice ran out first (nothing can be saved while it is taken).
        const left = this.#todo.size
        // Looked at below, after the one before it; a failure meanwhile is not an unhandled one.
        sent.catch(() => undefined)
        await previous
        previous = sent
        // The tail goes to the worker whole. Cut short by the clock on a busy machine, the last batch once left the
        // rest to main, which then decoded those bodies itself, and the file the worker wrote lacked them.
        if (last && left === 0) break
      }
      await previous
      // What arrived since the last batch (or did not fit in it) is read on main once the index is main's.
      if (this.#builder !== builder || this.#closed) return
      const file = this.#saveAfterBuild ? { folder: this.#store.folder, storeVersion: STORE_VERSION, packId: this.#indexedPack } : null
      const asked = performance.now()
      const { parts, written } = await builder.finish(file)
      if (this.#builder !== builder) return
      const start = performance.now()
      this.#index = TextIndex.fromParts(parts)
      this.#builder = null
      this.#previous = null
      this.stats.adoptMs = performance.now() - start
      if (!written) return builder.stop()
      // The file holds exactly the index taken: changes from now on count towards the next write.
      this.#dirty = false
      this.#sinceSave = 0
      this.#saving = this.#saving
        .then(() => written)
        .then(
          ({ bytes }) => {
            this.stats.fileBytes = bytes
            this.stats.saves++
            this.stats.saveMs = performance.now() - asked
          },
          () => {
            this.#dirty = true
          },
        )
        .finally(() => builder.stop())
    } catch {
      if (this.#builder !== builder) return
      this.#dropIndex()
      this.#dirty = true
      this.stats.builtIn = 'main'
      this.#lookAgainAtAll()
    }
  }

  /**
   * The next batch for the worker, taken from what is waiting (its stamps recorded as sent). A body no one has read
   * since the store opened goes as the bytes it is in the file, copied into one buffer the worker is given.
   */
  #takeBatch(): [BuilderNote[], string[], BuilderBodies | null] {
    const add: BuilderNote[] = []
    const remove: string[] = []
    const raw: Uint8Array[] = []
    let size = 0
    const until = performance.now() + this.#sliceMs
    for (const id of this.#todo) {
      this.#todo.delete(id)
      const note = this.#store.notes.get(id)
      if (!note || note.trashed) {
        if (this.#stamps.delete(id)) remove.push(id)
      } else {
        const stamp = noteStamp(note)
        if (this.#stamps.get(id) !== stamp) {
          const bytes = undecodedBody(note)
          const prefix = searchablePrefix(note, this.#describe)
          if (bytes) raw.push(bytes)
          add.push([id, stamp, prefix, bytes ? null : note.body])
          this.#stamps.set(id, stamp)
          size += prefix.length + (bytes ? bytes.length : note.body.length)
        }
      }
      if (size >= BATCH_CHARS || performance.now() >= until) break
    }
    this.stats.indexed += add.length
    return [add, remove, raw.length > 0 ? joined(raw) : null]
  }

  /** Reads in what is waiting, for at most `ms`; returns how many notes were indexed anew. */
  #drain(ms: number): number {
    const start = performance.now()
    const until = start + ms
    let indexed = 0
    for (const id of this.#todo) {
      this.#todo.delete(id)
      const note = this.#store.notes.get(id)
      if (!note || note.trashed) {
        if (this.#stamps.delete(id)) {
          this.#index.remove(id)
          this.#dirty = true
          this.#sinceSave++
        }
      } else {
        const stamp = noteStamp(note)
        if (this.#stamps.get(id) !== stamp) {
          this.#index.add(id, searchableText(note as StoredNote, this.#describe))
          this.#stamps.set(id, stamp)
          this.#dirty = true
          indexed++
        }
      }
      if (performance.now() >= until) break
    }
    if (this.#todo.size === 0) this.#index.settle()
    this.stats.indexed += indexed
    this.stats.indexMs += performance.now() - start
    this.#sinceSave += indexed
    return indexed
  }

  /** Indexes what is waiting, a slice at a time, then writes the file after a large rebuild. */
  #kick(): Promise<void> {
    this.#working ??= (async () => {
      await this.#loaded
      while ((this.#todo.size > 0 || this.#builder) && !this.#closed) {
        if (!this.#builder && this.#largeChange) {
          this.#largeChange = false
          if (this.#startBuilder && this.#todo.size >= REBUILD_IN_WORKER_AT) this.#rebuild(true)
        }
        if (this.#builder) {
          await this.#feedBuilder(this.#builder)
          continue
        }
        this.#drain(this.#sliceMs)
        if (this.#todo.size > 0) await new Promise((resolve) => setImmediate(resolve))
      }
    })().finally(() => {
      this.#working = null
      if (this.#saveAfterBuild && !this.#closed && this.#sinceSave >= SAVE_AFTER) void this.#save().catch(() => undefined)
    })
    return this.#working
  }
}

/** Byte strings one after another in a buffer of their own (it is moved to the worker), and where each ends. */
function joined(parts: Uint8Array[]): BuilderBodies {
  const ends: number[] = []
  let total = 0
  for (const part of parts) ends.push((total += part.length))
  const bytes = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    bytes.set(part, at)
    at += part.length
  }
  return { bytes, ends }
}

/** Whether a text holds every word, as the beginning of one of its words (the index's own rule). */
function holdsWords(text: string, words: readonly string[]): boolean {
  const own = foldedWords(text)
  return words.every((w) => own.some((o) => o.startsWith(w)))
}
