/**
 * Saving a note, from the contract call (the app's dispatch: 'notes.update' and 'notes.create') to durable on
 * disk, with 0, 1,000, 10,000 and 50,000 notes already in the store; and, interleaved save by save in the same
 * folder, the physical floor: appending the same number of bytes to a file and fdatasync'ing it. Then the
 * journal's compaction (a snapshot rewrite every 2,000 changes), measured on its own.
 */
import { randomUUID } from 'node:crypto'
import { open, rm, writeFile } from 'node:fs/promises'
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { startApp, type RunningApp } from '../../src/main/app-context'
import { canonicalReplica } from '../../src/main/services/sync/canonical'
import { decodeDeviceFile, devicesFolder, encodeDeviceFile } from '../../src/main/services/sync/folder-format'
import { loadPack } from '../../src/main/content/load-pack'
import { UserStore } from '../../src/main/store/user-store'
import type { Dispatch } from '../../src/main/handlers'
import * as v from 'valibot'
import { contract } from '../../src/shared/contract'
import type { Note, NoteUpdateResult } from '../../src/shared/domain'
import { readGenerated } from '../lib/data'
import { int, pick, prose, rng, vocabulary } from '../lib/gen'
import { freshMemory, pageFaults } from '../lib/machine'
import { log, PACK_DIR, sectionArgs, WORKERS_DIR, writeResult } from '../lib/section'
import { tempFolder, writeSnapshot } from '../lib/store-files'
import type { MergeTiming, SaveSize, SavesResult, WholeFileTiming } from '../lib/results'
import { median, round, summarise } from '../lib/stats'

const { out, quick, rest } = sectionArgs()
const SIZES = quick ? [0, 1_000, 2_000] : [0, 1_000, 10_000, 50_000]
const SAVES = quick ? 60 : 500
const WARMUP = 10
/** At most this many saves are timed while note search builds its index; the build is left to finish after them. */
const DURING_BUILD_MAX = quick ? 40 : 400
/** Every n-th save creates a note; the others update one (an autosave while typing). */
const CREATE_EVERY = 10
const COMPACT_AFTER = 2000
/** Incoming changes in one other device's file, merged at the largest size (#18: ≤ 1 s at 50,000 notes). */
const MERGE_CHANGES = quick ? 500 : 10_000

const pack = await loadPack(PACK_DIR)
const targets = pack.organisations.map((o) => o.id)
const vocab = vocabulary()
const generated = (await readGenerated(rest[0]!)).notes

async function call(dispatch: Dispatch, name: string, input: unknown): Promise<Note> {
  const result = await dispatch(name, input)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  // An update answers with the note and a conflict copy (never made here: each edit names the latest version).
  return name === 'notes.update' ? (result.value as NoteUpdateResult).note : (result.value as Note)
}

const lineBytes = (note: Note) => Buffer.byteLength(`${JSON.stringify({ op: 'put-note', note })}\n`)

/**
 * The floor taken beside a phase: a journal line's worth of bytes (the lines here are ~1.9-2.8 kB), every 20 ms:
 * often enough for a p95 over a phase of a second or more, seldom enough not to add much to the disk's own load
 * (saves come every 3-4 ms in these phases).
 */
const FLOOR_BESIDE_BYTES = 2400
const FLOOR_BESIDE_EVERY_MS = 20

/**
 * The floor taken while something else runs, in a worker thread of its own so that main is not held by it: appending
 * to a file in the same folder and fdatasync'ing it, every few milliseconds while switched on. Beside the saves of a
 * phase it tells the disk's share of their time (the phase's own writes share the journal's fdatasync on ext4)
 * from main's. Hand-written CommonJS, evaluated as the worker's code: it is a dozen lines.
 */
async function floorBeside(folder: string) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
    const fs = require('node:fs')
    const fd = fs.openSync(workerData.path, 'a')
    const pad = Buffer.alloc(workerData.bytes, 0x61)
    pad[pad.length - 1] = 0x0a
    let samples = null
    let timer = null
    const tick = () => {
      const start = performance.now()
      fs.writeSync(fd, pad)
      fs.fdatasyncSync(fd)
      samples.push(performance.now() - start)
      timer = setTimeout(tick, workerData.everyMs)
    }
    parentPort.on('message', (message) => {
      if (message === 'on') { samples = []; tick() }
      else { clearTimeout(timer); parentPort.postMessage(samples ?? []); samples = null }
    })`,
    {
      eval: true,
      workerData: { path: join(folder, 'floor-beside.jsonl'), bytes: FLOOR_BESIDE_BYTES, everyMs: FLOOR_BESIDE_EVERY_MS },
    },
  )
  await once(worker, 'online')
  return {
    on: () => worker.postMessage('on'),
    /** The samples since `on`, and sampling stops. */
    off: () =>
      new Promise<number[]>((resolve) => {
        worker.once('message', resolve)
        worker.postMessage('off')
      }),
    close: () => worker.terminate(),
  }
}

async function measureSize(count: number): Promise<SaveSize> {
  const folder = await tempFolder(`saves-${count}`)
  const existing = generated.slice(0, count)
  const snapshotBytes = await writeSnapshot(folder, existing)
  log(`saves: ${count} notes (${round(snapshotBytes / 1e6)} MB snapshot)`)
  const app = await startApp({
    userDataDir: folder,
    packDir: PACK_DIR,
    shell: 'browse',
    version: 'bench',
    openExternal: async () => false,
    workersDir: WORKERS_DIR,
  })
  const r = rng(9 + count)
  const ids = existing.map((n) => n.id)
  /** Each note's latest version: an edit names the one it was made from. */
  const versions = new Map(existing.map((n) => [n.id, n.versions]))
  if (ids.length === 0) {
    const first = await call(app.dispatch, 'notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'First.' })
    ids.push(first.id)
    versions.set(first.id, first.versions)
  }

  // The store opens with no note-search index file (the first start after an upgrade, or a lost file): the index is
  // built meanwhile, in the worker thread the app starts, which then writes the file. Saves made during that build
  // and write are timed apart (#18: ≤ 2× the floor while an index update runs), then the rest waits until it is
  // done, so that the rows below time saves alone.
  const duringBuild: number[] = []
  const buildStart = performance.now()
  let built = false
  const settling = app.ctx.noteSearch.settled().then(() => (built = true))
  const beside = await floorBeside(folder)
  beside.on()
  while (!built && duringBuild.length < DURING_BUILD_MAX) {
    const id = pick(r, ids)
    const start = performance.now()
    const note = await call(app.dispatch, 'notes.update', { id, base: versions.get(id), body: prose(vocab, r, int(r, 250, 350), targets) })
    duringBuild.push(performance.now() - start)
    versions.set(id, note.versions)
  }
  const buildFloor = await beside.off()
  await settling
  const buildMs = performance.now() - buildStart

  const floorPath = join(folder, 'floor.jsonl')
  const floorHandle = await open(floorPath, 'a')
  const floorFd = openSync(join(folder, 'floor-sync.jsonl'), 'a')
  const save: number[] = []
  const update: number[] = []
  const create: number[] = []
  const floorAsync: number[] = []
  const floorSync: number[] = []
  const lines: number[] = []
  const validate: number[] = []
  /** Each measured save's [start, end], and every GC pause meanwhile: is the tail the collector? */
  const windows: [number, number][] = []
  const pauses: { start: number; ms: number }[] = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration })
  })
  observer.observe({ entryTypes: ['gc'] })
  const stringify: number[] = []

  const total = WARMUP + SAVES
  for (let i = 0; i < total; i++) {
    const body = prose(vocab, r, int(r, 250, 350), targets)
    const isCreate = i % CREATE_EVERY === CREATE_EVERY - 1
    const name = isCreate ? ('notes.create' as const) : ('notes.update' as const)
    const id = pick(r, ids)
    const input = isCreate
      ? { target: { kind: 'organisation', id: pick(r, targets) }, body, tags: ['bench'] }
      : { id, base: versions.get(id), body }
    const bytes = lineBytes({
      id: randomUUID(),
      target: { kind: 'organisation', id: 'cecop' },
      body,
      tags: isCreate ? ['bench'] : [],
      created: new Date().toISOString(),
      updated: new Date().toISOString(),
      trashed: null,
      previous: isCreate ? null : new Date().toISOString(),
      versions: { [randomUUID()]: isCreate ? 1 : 2 },
      conflictOf: null,
      shared: false,
      author: { device: randomUUID(), name: 'bench' },
    })
    const pad = Buffer.alloc(bytes, 0x61)
    pad[bytes - 1] = 0x0a
    // Alternate which goes first, so neither always follows the other's sync.
    const order = i % 2 === 0 ? ['save', 'async', 'sync'] : ['sync', 'async', 'save']
    for (const step of order) {
      if (step === 'save') {
        const start = performance.now()
        const note = await call(app.dispatch, name, input)
        const ms = performance.now() - start
        if (i >= WARMUP) windows.push([start, start + ms])
        if (i >= WARMUP) {
          save.push(ms)
          ;(isCreate ? create : update).push(ms)
          lines.push(lineBytes(note))
        }
        if (isCreate) ids.push(note.id)
        versions.set(note.id, note.versions)
        if (i >= WARMUP) {
          // The same input's validation and the same note's journal line, timed apart from the save.
          let t = performance.now()
          v.safeParse(contract[name].input, input)
          validate.push(performance.now() - t)
          t = performance.now()
          JSON.stringify({ op: 'put-note', note })
          stringify.push(performance.now() - t)
        }
      } else if (step === 'async') {
        const start = performance.now()
        await floorHandle.appendFile(pad)
        await floorHandle.datasync()
        if (i >= WARMUP) floorAsync.push(performance.now() - start)
      } else {
        const start = performance.now()
        writeSync(floorFd, pad)
        fdatasyncSync(floorFd)
        if (i >= WARMUP) floorSync.push(performance.now() - start)
      }
    }
  }
  await floorHandle.close()
  closeSync(floorFd)
  const merge = count === SIZES.at(-1) ? await measureMerge(app, folder, ids, versions, r) : undefined
  await new Promise((resolve) => setTimeout(resolve, 50)) // the observer's last batch
  observer.disconnect()
  const gcIn = windows.map(([a, b]) => pauses.filter((p) => p.start < b && p.start + p.ms > a).reduce((sum, p) => sum + p.ms, 0))
  await app.close()

  // Compaction: the store itself, opened with a threshold of 25 so that a short run meets it three times. The change
  // that reaches the threshold is answered once in the journal; the fold (snapshot written, then the journal trimmed
  // to what came after) runs while saves go on: the saves made until it is done (at most 200) are timed too.
  const threshold = 25
  const store = await UserStore.open(folder, { compactAfter: threshold })
  const compactionSaves: number[] = []
  const afterCompaction: number[] = []
  const foldFloor: number[] = []
  const edit = async () => {
    const note = store.notes.get(pick(r, ids))!
    const start = performance.now()
    await store.apply({ op: 'put-note', note: { ...note, body: prose(vocab, r, 300, targets), updated: new Date().toISOString() } })
    return performance.now() - start
  }
  for (let fold = 0; fold < 3; fold++) {
    await store.idle()
    while (store.changesSinceFold < threshold - 1) await edit()
    compactionSaves.push(await edit())
    let done = false
    const idle = store.idle().then(() => (done = true))
    beside.on()
    for (let n = 0; !done && n < 200; n++) afterCompaction.push(await edit())
    foldFloor.push(...(await beside.off()))
    await idle
  }
  await beside.close()
  await store.close()
  await rm(folder, { recursive: true, force: true })

  const saveSummary = summarise(save)
  const tail = save.map((ms, i) => ({ ms, gc: gcIn[i] ?? 0 })).filter((x) => x.ms >= saveSummary.p95)
  const floorSyncSummary = summarise(floorSync)
  const floorAsyncSummary = summarise(floorAsync)
  const compactionMedian = summarise(compactionSaves).p50
  return {
    notes: count,
    duringIndexBuild: {
      saves: duringBuild.length,
      buildMs: round(buildMs),
      save: summarise(duringBuild.length > 0 ? duringBuild : [0]),
      floor: summarise(buildFloor.length > 0 ? buildFloor : [0]),
    },
    snapshotMB: round(snapshotBytes / 1e6),
    saves: save.length,
    journalLineBytes: { min: Math.min(...lines), max: Math.max(...lines) },
    save: saveSummary,
    update: summarise(update),
    create: summarise(create),
    floorAsync: floorAsyncSummary,
    floorSync: floorSyncSummary,
    ratioP95ToFloor: round(saveSummary.p95 / floorSyncSummary.p95),
    ratioP95ToAsyncFloor: round(saveSummary.p95 / floorAsyncSummary.p95),
    cpu: { validateMs: round(median(validate)), stringifyMs: round(median(stringify)) },
    gc: {
      savesWithGc: gcIn.filter((ms) => ms > 0).length,
      tailSaves: tail.length,
      tailSavesWithGc: tail.filter((x) => x.gc > 0).length,
      tailGcMs: round(tail.reduce((sum, x) => sum + x.gc, 0)),
      tailMs: round(tail.reduce((sum, x) => sum + x.ms, 0)),
    },
    compaction: {
      everySaves: COMPACT_AFTER,
      saveMs: compactionSaves.map(round),
      medianMs: round(compactionMedian),
      nextSaveMs: afterCompaction.map(round),
      nextFloorMs: foldFloor.map(round),
      // One save in 2,000 is 0.05% of saves: it can only move p95 if more than 5% of saves compact.
      hitsP95: 1 / COMPACT_AFTER > 0.05,
    },
    ...(merge ? { merge } : {}),
  }
}

/**
 * Another device's file, as a sync tool would bring it, holding MERGE_CHANGES of these notes each edited there once;
 * one exchange merges it. Saves go on meanwhile (of other notes: an edit of a note being merged would be a conflict,
 * timed as such elsewhere), through the exchange and then through note search's reading of the merged notes.
 */
async function measureMerge(
  app: RunningApp,
  folder: string,
  ids: string[],
  versions: Map<string, Note['versions']>,
  r: () => number,
): Promise<MergeTiming> {
  const syncFolder = await tempFolder('saves-sync')
  try {
    // The first exchange writes this device's own file (every note): timed as part of setting up, not of the merge.
    await app.ctx.sync.setFolder(syncFolder)
    const remote = { id: randomUUID(), name: 'Bench laptop' }
    const merging = ids.slice(0, MERGE_CHANGES)
    const others = ids.slice(MERGE_CHANGES)
    const now = new Date().toISOString()
    const edited = merging.map((id) => {
      const note = app.ctx.store.notes.get(id)!
      return { ...note, body: prose(vocab, r, 300, targets), updated: now, versions: { ...note.versions, [remote.id]: 1 } }
    })
    const { bytes } = encodeDeviceFile(remote, canonicalReplica(edited as Note[], []), new Date())
    await writeFile(join(devicesFolder(syncFolder), `${remote.id}.json`), bytes)

    // The page faults the merge takes (the first touch of memory: every thread of this process), and what one costs
    // on this machine now, measured just before: the part of the merge's time that is the machine's, not the app's.
    const memory = freshMemory()
    let mergedAt = 0
    let faults = 0
    const delays = {
      merge: monitorEventLoopDelay({ resolution: 1 }),
      ownFile: monitorEventLoopDelay({ resolution: 1 }),
      index: monitorEventLoopDelay({ resolution: 1 }),
    }
    const stop = app.ctx.store.onChange((entry) => {
      if (entry?.op === 'merge' && entry.notes.length > 0 && mergedAt === 0) {
        mergedAt = performance.now()
        faults = pageFaults() - faultsAtStart
        delays.merge.disable()
        delays.ownFile.enable()
      }
    })
    const faultsAtStart = pageFaults()
    const start = performance.now()
    let exchangedAt = 0
    let indexedAt = 0
    delays.merge.enable()
    const beside = await floorBeside(folder)
    beside.on()
    let exchangeFloor: Promise<number[]> = Promise.resolve([])
    const exchange = app.ctx.sync.exchangeNow().then(() => {
      exchangedAt = performance.now()
      delays.ownFile.disable()
      delays.index.enable()
      exchangeFloor = beside.off().then((samples) => {
        beside.on()
        return samples
      })
    })
    const indexed = exchange
      .then(() => app.ctx.noteSearch.settled())
      .then(() => {
        indexedAt = performance.now()
        delays.index.disable()
      })
    const duringExchange: number[] = []
    const duringIndex: number[] = []
    while (indexedAt === 0) {
      const id = pick(r, others)
      const began = performance.now()
      const note = await call(app.dispatch, 'notes.update', {
        id,
        base: versions.get(id),
        body: prose(vocab, r, int(r, 250, 350), targets),
      })
      ;(exchangedAt === 0 ? duringExchange : duringIndex).push(performance.now() - began)
      versions.set(id, note.versions)
    }
    await indexed
    const floors = { exchange: await exchangeFloor, index: await beside.off() }
    await beside.close()
    stop()
    const merged = edited.filter((n) => app.ctx.store.notes.get(n.id)?.body === n.body).length
    log(
      `  merge of ${MERGE_CHANGES.toLocaleString('en')} incoming changes: ${round(mergedAt - start)} ms to the store, exchange ${round(exchangedAt - start)} ms, index ${round(indexedAt - exchangedAt)} ms; ${merged} merged`,
    )
    const wholeFile = await measureWholeFile(app, syncFolder)
    const alone = await measureMergeAlone(app, syncFolder, merging)
    return {
      wholeFile,
      aloneMs: alone.ms,
      pageFaults: { underSaves: faults, alone: alone.pageFaults, usEach: memory.usPerPageFault },
      changes: MERGE_CHANGES,
      fileMB: round(bytes.length / 1e6),
      merged,
      mergeMs: round(mergedAt - start),
      exchangeMs: round(exchangedAt - start),
      indexMs: round(indexedAt - exchangedAt),
      duringExchange: {
        ...summarise(duringExchange.length > 0 ? duringExchange : [0]),
        saves: duringExchange.length,
        floor: summarise(floors.exchange.length > 0 ? floors.exchange : [0]),
      },
      duringIndex: {
        ...summarise(duringIndex.length > 0 ? duringIndex : [0]),
        saves: duringIndex.length,
        floor: summarise(floors.index.length > 0 ? floors.index : [0]),
      },
      loopDelay: {
        merge: loopDelay(delays.merge),
        ownFile: loopDelay(delays.ownFile),
        index: loopDelay(delays.index),
      },
    }
  } finally {
    await app.ctx.sync.setFolder(null)
    await rm(syncFolder, { recursive: true, force: true })
  }
}

/**
 * The same merge with nothing else going on: a third device's file with the same notes edited there once more,
 * exchanged with no saves meanwhile, from the exchange asked to the merge saved in the store. Beside the merge timed
 * under a stream of saves, it tells what sharing two cores with them costs.
 */
async function measureMergeAlone(app: RunningApp, syncFolder: string, ids: string[]): Promise<{ ms: number; pageFaults: number }> {
  const third = { id: randomUUID(), name: 'Bench tablet' }
  const edited = ids.map((id) => {
    const note = app.ctx.store.notes.get(id)!
    return { ...note, body: `${note.body} (and again)`, versions: { ...note.versions, [third.id]: 1 } }
  })
  await writeFile(
    join(devicesFolder(syncFolder), `${third.id}.json`),
    encodeDeviceFile(third, canonicalReplica(edited, []), new Date()).bytes,
  )
  await app.ctx.store.idle()
  await app.ctx.noteSearch.settled()
  let mergedAt = 0
  let faults = 0
  const stop = app.ctx.store.onChange((entry) => {
    if (entry?.op === 'merge' && entry.notes.length > 0 && mergedAt === 0) {
      mergedAt = performance.now()
      faults = pageFaults() - faultsAtStart
    }
  })
  const faultsAtStart = pageFaults()
  const start = performance.now()
  await app.ctx.sync.exchangeNow()
  stop()
  const merged = edited.filter((n) => app.ctx.store.notes.get(n.id)?.body === n.body).length
  if (merged !== edited.length) throw new Error(`the merge alone took ${merged} of ${edited.length} edits`)
  log(`  the same merge with no saves meanwhile: ${round(mergedAt - start)} ms to the store, ${faults} page faults`)
  return { ms: round(mergedAt - start), pageFaults: faults }
}

/** Changes made on the other device in the whole-file case (measureWholeFile). */
const WHOLE_FILE_CHANGES = 10

/**
 * The common case once two devices synchronise: the other device's file holds every note (as it writes it), a few
 * of them changed there since. The exchange reads all of it to find those; how long main is held meanwhile, and
 * how long reading that file would hold it in one block on main (decodeDeviceFile here, timed apart).
 */
async function measureWholeFile(app: RunningApp, syncFolder: string): Promise<WholeFileTiming> {
  const other = { id: randomUUID(), name: 'Bench desktop' }
  const all = [...app.ctx.store.notes.values()]
  const changed = new Set(all.slice(0, WHOLE_FILE_CHANGES).map((n) => n.id))
  const notes = all.map((n) =>
    changed.has(n.id) ? { ...n, body: `${n.body} (edited there)`, versions: { ...n.versions, [other.id]: 1 } } : n,
  )
  const { bytes } = encodeDeviceFile(other, canonicalReplica(notes, []), new Date())
  await writeFile(join(devicesFolder(syncFolder), `${other.id}.json`), bytes)
  await app.ctx.store.idle()
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  const start = performance.now()
  await app.ctx.sync.exchangeNow()
  const exchangeMs = performance.now() - start
  delay.disable()
  const merged = notes.filter((n) => changed.has(n.id) && app.ctx.store.notes.get(n.id)?.body === n.body).length
  const decodeStart = performance.now()
  decodeDeviceFile(bytes)
  const inThreadMs = performance.now() - decodeStart
  log(
    `  whole file of ${all.length} notes, ${WHOLE_FILE_CHANGES} changed: exchange ${round(exchangeMs)} ms, main held at most ${round(delay.max / 1e6)} ms; read here ${round(inThreadMs)} ms`,
  )
  return {
    notes: all.length,
    changes: WHOLE_FILE_CHANGES,
    merged,
    fileMB: round(bytes.length / 1e6),
    exchangeMs: round(exchangeMs),
    loopDelay: loopDelay(delay),
    inThreadMs: round(inThreadMs),
  }
}

/** A phase's event-loop delay histogram (nanoseconds) in milliseconds: its 99th percentile and its longest. */
const loopDelay = (h: ReturnType<typeof monitorEventLoopDelay>) => ({
  p99Ms: round(h.percentile(99) / 1e6),
  maxMs: round(h.max / 1e6),
  samples: h.count,
})

const sizes: SaveSize[] = []
for (const count of SIZES) sizes.push(await measureSize(count))
writeResult(out, { compactAfter: COMPACT_AFTER, savesPerSize: SAVES, createEvery: CREATE_EVERY, sizes } satisfies SavesResult)
