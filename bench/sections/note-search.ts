/**
 * Note search in main (src/main/services/note-search), at scale: the run's generated notes (50,000 of ~300 words)
 * in a real store on disk, then
 *
 * - the first build of the index in main (no file yet), main's heap and RSS for it, and the file it writes;
 * - cold starts, each a fresh Node process: the store opened, the index file read eagerly in the background, and the
 *   first query through a bridge round trip (the input JSON-serialised, parsed and checked by the contract's schema
 *   as the handler table does, the answer JSON-serialised and parsed, as IPC and browse's HTTP do) when the first
 *   keystroke arrives: as soon as the window could send one (the app's measured start, START_DELAY_MS after the
 *   store opens), and, apart, at once (the query waits for the whole read: the worst case);
 * - every keystroke of the bench's queries through the same round trip, warm;
 * - the renderer in Chromium over `npm run browse` on the same store: the round trip from the page through the real
 *   bridge (HTTP), first after a cold start and per keystroke, the palette typed into, and the page's JS heap after GC;
 * - in the same run, in worker threads, the renderer's index as the app had it (SearchIndex over the pack and every
 *   note, fed by notes.listAll), MiniSearch and FlexSearch over the same notes' text, as main could run them.
 */
import { spawnSync } from 'node:child_process'
import { cp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import * as v from 'valibot'
import { Encoder, Index } from 'flexsearch'
import MiniSearch from 'minisearch'
import { loadPack } from '../../src/main/content/load-pack'
import { workerBuilder } from '../../src/main/services/note-search/index-builder'
import { INDEX_FILE } from '../../src/main/services/note-search/index-file'
import { NoteSearch } from '../../src/main/services/note-search/note-search'
import { searchableText, type Describe } from '../../src/main/services/note-search/note-text'
import { UserStore } from '../../src/main/store/user-store'
import { noteDocument, packDocuments, SearchIndex } from '../../src/renderer/lib/search-index'
import { contract } from '../../src/shared/contract'
import type { ContentPack } from '../../src/shared/content/schema'
import type { Note, NoteSearchResult } from '../../src/shared/domain'
import { fold } from '../../src/shared/fold'
import { launchChromium, startBrowse } from '../lib/browse'
import { readGenerated } from '../lib/data'
import type { GeneratedOrganisation } from '../lib/gen'
import { keystrokes } from '../lib/queries'
import { gc, log, NOTE_INDEX_WORKER, PACK_DIR, sectionArgs, writeResult } from '../lib/section'
import { tempFolder, writeSnapshot } from '../lib/store-files'
import { BUDGETS } from '../lib/budgets'
import type { NoteSearchBenchResult, NoteSearchComparison as Comparison } from '../lib/results'
import { round, summarise } from '../lib/stats'

/** The first keystroke arrives no sooner than the window is up: the app's median start (bench row 1) is ~330 ms. */
const START_DELAY_MS = 300
/** The first query of each cold start: words of the notes' prose, 3+ letters (shorter ones search no note). */
const FIRST_QUERIES = ['coop', 'democratic', 'worker', 'federation', 'assembly', 'budget', 'member', 'training', 'congress', 'housing']
// ---------------------------------------------------------------------------------------------------------------
// Shared: the notes' subjects named from the pack and the generated organisations.

async function describer(
  dataDir: string,
  withNotes = true,
): Promise<{ notes: Note[]; describe: Describe; pack: ContentPack; scalePack: ContentPack }> {
  const pack = await loadPack(PACK_DIR)
  const generated = withNotes
    ? await readGenerated(dataDir)
    : { notes: [], organisations: JSON.parse(await readFile(join(dataDir, 'organisations.json'), 'utf8')) as GeneratedOrganisation[] }
  const names = new Map<string, string>(pack.organisations.map((o) => [o.id, o.names.acronym ?? o.names.english]))
  for (const o of generated.organisations) names.set(o.id, o.names.acronym ?? o.names.english)
  const facts = { kind: 'national-federation', founded: [], headquarters: [], figures: [], leaders: [], sources: [] }
  const scalePack = { ...pack, organisations: [...pack.organisations, ...generated.organisations.map((o) => ({ ...facts, ...o }))] }
  return {
    notes: generated.notes,
    describe: (t) => (t.kind === 'organisation' ? (names.get(t.id) ?? null) : null),
    pack,
    scalePack: scalePack as unknown as ContentPack,
  }
}

/** A call as it crosses the bridge: input serialised, parsed and checked, the answer serialised and parsed. */
async function roundTrip(search: NoteSearch, query: string, parts: Record<string, number> = {}): Promise<NoteSearchResult> {
  let t = performance.now()
  const sent = JSON.parse(JSON.stringify({ query, limit: 5, locale: 'en' })) as unknown
  const input = v.parse(contract['notes.search'].input, sent)
  parts['in'] = performance.now() - t
  t = performance.now()
  const result = await search.search(input.query, input.limit, input.locale)
  parts['search'] = performance.now() - t
  t = performance.now()
  const back = JSON.parse(JSON.stringify({ ok: true, value: result })).value as NoteSearchResult
  parts['out'] = performance.now() - t
  return back
}

const heap = () => (gc(), getHeapStatistics().used_heap_size / 1e6)
const rss = () => (gc(), process.memoryUsage().rss / 1e6)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------------------------
// A cold start, in a fresh process (NOTE_SEARCH_CHILD=store folder).

async function coldStart(folder: string, dataDir: string, query: string, delay: number): Promise<void> {
  const { describe, pack } = await describer(dataDir, false)
  const began = performance.now()
  const store = await UserStore.open(folder)
  const storeOpenMs = performance.now() - began
  const before = heap()
  const memoryBefore = process.memoryUsage()
  const search = new NoteSearch({ store, describe, packId: () => pack.packVersion })
  if (delay > 0) await sleep(delay)
  const t0 = performance.now()
  const parts: Record<string, number> = {}
  const answer = await roundTrip(search, query, parts)
  const firstMs = performance.now() - t0
  const checking = search.indexing
  await search.settled()
  const after = heap()
  const memoryAfter = process.memoryUsage()
  const externalMB = (memoryAfter.arrayBuffers - memoryBefore.arrayBuffers) / 1e6
  process.stdout.write(
    `${JSON.stringify({ parts, checking, storeOpenMs, loadMs: search.stats.loadMs, steps: search.stats.loadSteps, warmUpMs: search.stats.warmUpMs, firstMs, hits: answer.hits.length, heapMB: after - before, externalMB, rssMB: (memoryAfter.rss - memoryBefore.rss) / 1e6, source: search.stats.source })}\n`,
  )
  await search.close()
  await store.close()
}

// ---------------------------------------------------------------------------------------------------------------
// The comparisons, each in a worker thread.

interface Job {
  engine: Comparison
  dataDir: string
}
type Reply = { type: 'built'; ms: number; heapMB: number } | { type: 'searched'; ms: number; count: number }

function engine(job: Job, notes: Note[], describe: Describe, scalePack: ContentPack): (q: string) => number {
  const tokenize = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  if (job.engine === 'renderer') {
    // As the renderer had it: the pack's documents and every note, read whole from notes.listAll.
    const index = new SearchIndex([
      ...packDocuments(scalePack),
      ...notes.map((n) => noteDocument(n, (n.target && describe(n.target, 'en')) ?? '')),
    ])
    return (q) => index.search(q, { kinds: new Set(['note']), noteLimit: 5 }).length
  }
  if (job.engine === 'minisearch') {
    const index = new MiniSearch<{ id: string; text: string }>({
      fields: ['text'],
      tokenize,
      processTerm: (term) => fold(term) || null,
      searchOptions: { prefix: true, combineWith: 'AND' },
    })
    index.addAll(notes.map((n) => ({ id: n.id, text: searchableText(n, describe) })))
    return (q) => index.search(q).slice(0, 5).length
  }
  const index = new Index({
    tokenize: 'forward',
    encoder: new Encoder({ split: /[^\p{L}\p{N}]+/u, normalize: fold, dedupe: false, numeric: false }),
  })
  notes.forEach((n, i) => index.add(i, searchableText(n, describe)))
  return (q) => (index.search(q, { limit: 5 }) as unknown as number[]).length
}

async function serve(job: Job): Promise<void> {
  const { notes, describe, scalePack } = await describer(job.dataDir)
  const before = heap()
  const start = performance.now()
  const search = engine(job, notes, describe, scalePack)
  const ms = performance.now() - start
  parentPort!.postMessage({ type: 'built', ms, heapMB: heap() - before } satisfies Reply)
  parentPort!.on('message', (q: string) => {
    const t0 = performance.now()
    const count = search(q)
    parentPort!.postMessage({ type: 'searched', ms: performance.now() - t0, count } satisfies Reply)
  })
}

async function compare(job: Job, keys: string[], capMs: number): Promise<NoteSearchBenchResult['comparisons'][Comparison]> {
  const worker = new Worker(new URL(import.meta.url), { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 12_000 } })
  const waiting: ((r: Reply) => void)[] = []
  worker.on('message', (r: Reply) => waiting.shift()?.(r))
  const failed = new Promise<never>((_, fail) => worker.on('error', fail))
  const next = () => Promise.race([new Promise<Reply>((resolve) => waiting.push(resolve)), failed])
  try {
    const built = (await next()) as Extract<Reply, { type: 'built' }>
    log(`  ${job.engine}: built in ${round(built.ms)} ms (+${round(built.heapMB)} MB heap)`)
    const times: number[] = []
    const began = performance.now()
    // Once over every keystroke (the slow engines take seconds each: capped, and said so).
    for (const k of keys) {
      const reply = next()
      worker.postMessage(k)
      times.push(((await reply) as Extract<Reply, { type: 'searched' }>).ms)
      if (performance.now() - began > capMs) break
    }
    const s = summarise(times)
    return {
      buildMs: round(built.ms),
      heapMB: round(Math.max(0, built.heapMB)),
      p50Ms: round(s.p50),
      p95Ms: round(s.p95),
      keystrokes: times.length,
      note:
        times.length < keys.length ? `stopped after ${times.length} of ${keys.length} keystrokes (${Math.round(capMs / 1000)} s cap)` : '',
    }
  } catch (error) {
    return { skipped: `crashed: ${(error as Error).message}` }
  } finally {
    await worker.terminate()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The renderer, in Chromium over browse.

async function inBrowser(outDir: string, folder: string, runs: number): Promise<NoteSearchBenchResult['browser']> {
  const browser = await launchChromium()
  const firsts: number[] = []
  const perKey: number[] = []
  let answerBytes = 0
  let answers = 0
  let heapMB = 0
  let paletteShowedNote = false
  let notesPage: NonNullable<NoteSearchBenchResult['browser']>['notesPage'] = null
  try {
    for (let run = 0; run < runs; run++) {
      const server = await startBrowse({ outDir, dataDir: folder })
      try {
        const page = await browser.newPage()
        // The organisation list (a profile would also ask for its backlinks, which reads every note in main).
        await page.goto(server.url)
        await page.waitForSelector('#main:not(:has(.loading))', { timeout: 60_000 })
        const query = FIRST_QUERIES[run % FIRST_QUERIES.length]!
        const first = await page.evaluate(async (q) => {
          const atlas = (window as unknown as { atlas: { notes: { search(i: unknown): Promise<unknown> } } }).atlas
          const t0 = performance.now()
          await atlas.notes.search({ query: q, limit: 5, locale: 'en' })
          return performance.now() - t0
        }, query)
        firsts.push(first)
        if (run === runs - 1) {
          const times = await page.evaluate(async (keys) => {
            const atlas = (window as unknown as { atlas: { notes: { search(i: unknown): Promise<unknown> } } }).atlas
            const out: { ms: number; bytes: number }[] = []
            for (let round = 0; round < 3; round++)
              for (const q of keys) {
                const t0 = performance.now()
                const answer = await atlas.notes.search({ query: q, limit: 5, locale: 'en' })
                out.push({ ms: performance.now() - t0, bytes: JSON.stringify(answer).length })
              }
            return out
          }, keystrokes())
          perKey.push(...times.map((t) => t.ms))
          answerBytes = times.reduce((a, t) => a + t.bytes, 0)
          answers = times.length
          // The palette, typed into as a reader would; then the page's heap after GC.
          await page.keyboard.press('Control+k')
          await page.locator('#palette-input').pressSequentially('democratic', { delay: 30 })
          paletteShowedNote = await page
            .locator('.palette-group', { hasText: 'Notes' })
            .waitFor({ timeout: 10_000 })
            .then(
              () => true,
              () => false,
            )
          const cdp = await page.context().newCDPSession(page)
          await cdp.send('HeapProfiler.collectGarbage')
          await cdp.send('HeapProfiler.collectGarbage')
          heapMB = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6
          // Then the notes page (#/notes): main sends one page of the list (notes.page); then two words searched on it,
          // the first folding every note's text in main (kept after: services/note-links.ts), the second through it.
          await page.keyboard.press('Escape')
          notesPage = await page.evaluate(async () => {
            const shown = () => document.querySelectorAll('ul.all-notes > li.note').length
            const painted = (t0: number, changed: () => boolean) =>
              new Promise<number>((done) => {
                const check = () =>
                  changed() || performance.now() - t0 > 120_000
                    ? requestAnimationFrame(() => done(performance.now() - t0))
                    : requestAnimationFrame(check)
                check()
              })
            const t0 = performance.now()
            location.hash = '#/notes'
            const ms = await painted(t0, () => shown() > 0)
            // The first note's two longest words (rare ones, with Zipf's law): lists of their own.
            const words = (document.querySelector('ul.all-notes > li.note .note-body')?.textContent ?? '')
              .split(/[^\p{L}]+/u)
              .sort((a, b) => b.length - a.length)
            const searched: number[] = []
            for (const word of words.slice(0, 2)) {
              const before = document.querySelector('.count')?.textContent
              const input = document.querySelector<HTMLInputElement>('.data-view input[type="search"]')!
              const t1 = performance.now()
              input.value = word
              input.dispatchEvent(new Event('input', { bubbles: true }))
              searched.push(await painted(t1, () => document.querySelector('.count')?.textContent !== before))
            }
            return { ms, shown: shown(), searchMs: searched, bridgeBytes: 0 }
          })
          // What one page weighs over the bridge (its answer, as JSON).
          notesPage.bridgeBytes = await page.evaluate(async () => {
            const atlas = (window as unknown as { atlas: { notes: { page(i: unknown): Promise<unknown> } } }).atlas
            const filter = { text: '', tag: '', kind: '', sort: 'updated', trash: false }
            return JSON.stringify(await atlas.notes.page({ filter, limit: 50, locale: 'en' })).length
          })
        }
        await page.close()
      } finally {
        await server.stop()
      }
    }
  } finally {
    await browser.close()
  }
  return {
    coldStarts: runs,
    firstQueryMs: summarise(firsts),
    perKeystrokeMs: summarise(perKey),
    answerBytes: Math.round(answerBytes / Math.max(1, answers)),
    heapMB: round(heapMB),
    paletteShowedNote,
    notesPage: notesPage && { ...notesPage, ms: round(notesPage.ms), searchMs: notesPage.searchMs.map(round) },
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { out, quick, rest } = sectionArgs()
  const [dataDir, outDir] = rest
  if (!dataDir || !outDir) throw new Error('usage: note-search.mjs --out result.json DATA_FOLDER OUT_DIR')
  const { notes, describe, pack } = await describer(dataDir)
  const wordsPerNote = Math.round(notes.slice(0, 1000).reduce((s, n) => s + n.body.split(/\s+/).length, 0) / Math.min(1000, notes.length))
  const folder = await tempFolder('note-search')
  try {
    const storeBytes = await writeSnapshot(folder, notes)
    log(`note search: ${notes.length} notes in a store of ${round(storeBytes / 1e6)} MB`)

    // The first build, with no file: in the worker thread the app starts, which writes the file; main takes its index.
    const store = await UserStore.open(folder)
    const heap0 = heap()
    const rss0 = rss()
    const began = performance.now()
    const search = new NoteSearch({ store, describe, packId: () => pack.packVersion, startBuilder: workerBuilder(NOTE_INDEX_WORKER) })
    await search.settled()
    const buildMs = performance.now() - began
    const heapMB = heap() - heap0
    const rssMB = rss() - rss0
    const { builtIn, adoptMs, saveMs: workerWriteMs } = search.stats
    // Main's own write (at close, or after many changes), timed apart.
    await search.save()
    // After the write, the index is held as a file's read would hold it (typed arrays).
    const heapAfterSaveMB = heap() - heap0
    const rssAfterSaveMB = rss() - rss0
    log(
      `  built in ${round(buildMs)} ms (+${round(heapMB)} MB heap, +${round(rssMB)} MB RSS); file ${round(search.stats.fileBytes! / 1e6)} MB in ${round(search.stats.saveMs!)} ms`,
    )
    const build = {
      ms: round(buildMs),
      heapAfterSaveMB: round(heapAfterSaveMB),
      rssAfterSaveMB: round(rssAfterSaveMB),
      heapMB: round(heapMB),
      rssMB: round(rssMB),
      fileMB: round(search.stats.fileBytes! / 1e6),
      saveMs: round(search.stats.saveMs!),
      builtIn: builtIn ?? 'none',
      adoptMs: round(adoptMs ?? NaN),
      workerWriteMs: round(workerWriteMs ?? NaN),
    }

    // Warm, every keystroke through the round trip, and the index alone.
    const keys = keystrokes()
    for (const k of keys) await roundTrip(search, k)
    const bridge: number[] = []
    const alone: number[] = []
    const slow: { query: string; ms: number }[] = []
    const rounds = quick ? 3 : 10
    for (let r = 0; r < rounds; r++)
      for (const k of keys) {
        const t0 = performance.now()
        await roundTrip(search, k)
        const ms = performance.now() - t0
        bridge.push(ms)
        slow.push({ query: k, ms })
        const t1 = performance.now()
        await search.search(k, 5, 'en')
        alone.push(performance.now() - t1)
      }
    const perKeystroke = {
      keystrokes: keys.length,
      rounds,
      bridgeMs: summarise(bridge),
      indexAloneMs: summarise(alone),
      slowest: slow
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 4)
        .map((s) => ({ query: s.query, ms: round(s.ms) })),
    }
    log(`  per keystroke through the round trip: p50 ${round(perKeystroke.bridgeMs.p50)} ms, p95 ${round(perKeystroke.bridgeMs.p95)} ms`)
    await search.close()
    await store.close()

    // Cold starts, fresh processes, from the file just written.
    const runs = quick ? 4 : 20
    const child = (query: string, delay: number) => {
      const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8000', new URL(import.meta.url).pathname], {
        env: { ...process.env, NOTE_SEARCH_CHILD: JSON.stringify({ folder, dataDir, query, delay }) },
        encoding: 'utf8',
      })
      if (result.status !== 0) throw new Error(`a cold start failed:\n${result.stderr}`)
      return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
        storeOpenMs: number
        loadMs: number
        firstMs: number
        heapMB: number
        externalMB: number
        rssMB: number
        steps: Record<string, number>
        source: string
      }
    }
    const delayed = Array.from({ length: runs }, (_, i) => child(FIRST_QUERIES[i % FIRST_QUERIES.length]!, START_DELAY_MS))
    const atOnce = Array.from({ length: Math.max(2, runs / 2) }, (_, i) => child(FIRST_QUERIES[i % FIRST_QUERIES.length]!, 0))
    const coldStarts = {
      runs,
      storeOpenMs: summarise(delayed.map((d) => d.storeOpenMs)),
      loadMs: summarise(delayed.map((d) => d.loadMs)),
      firstQueryMs: summarise(delayed.map((d) => d.firstMs)),
      firstQueryAtOnceMs: summarise(atOnce.map((d) => d.firstMs)),
      heapMB: summarise(delayed.map((d) => d.heapMB)),
      externalMB: summarise(delayed.map((d) => d.externalMB)),
      rssMB: summarise(delayed.map((d) => d.rssMB)),
      steps: Object.fromEntries(Object.keys(delayed[0]!.steps).map((k) => [k, round(summarise(delayed.map((d) => d.steps[k]!)).p50)])),
      sources: [...new Set([...delayed, ...atOnce].map((d) => d.source))],
    }
    log(
      `  load steps (p50): ${JSON.stringify(coldStarts.steps)}; main's heap +${round(coldStarts.heapMB.p50)} MB, array buffers +${round(coldStarts.externalMB.p50)} MB, RSS +${round(coldStarts.rssMB.p50)} MB`,
    )
    log(
      `  cold starts: index file read in ${round(coldStarts.loadMs.p50)} ms (p50); first query p95 ${round(coldStarts.firstQueryMs.p95)} ms, at once ${round(coldStarts.firstQueryAtOnceMs.p95)} ms`,
    )

    // The renderer over browse, on a copy of the store with its index file.
    let browser: NoteSearchBenchResult['browser'] = null
    const only = process.env['NOTE_SEARCH_ONLY'] // 'main': leave out the browser and the comparisons (trying things)
    const browseFolder = await tempFolder('note-search-browse')
    if (only !== 'main')
      try {
        await cp(folder, browseFolder, { recursive: true })
        browser = await inBrowser(outDir, browseFolder, quick ? 2 : 5)
        log(
          `  in Chromium: first query ${round(browser!.firstQueryMs.p95)} ms p95, per keystroke p95 ${round(browser!.perKeystrokeMs.p95)} ms, heap ${browser!.heapMB} MB`,
        )
      } catch (error) {
        log(`  in Chromium: not measured (${(error as Error).message.split('\n')[0]})`)
      }
    await rm(browseFolder, { recursive: true, force: true })

    // The comparisons, one after another (each builds over every note; two cores).
    const capMs = quick ? 20_000 : 90_000
    const comparisons = {} as NoteSearchBenchResult['comparisons']
    for (const engineName of ['renderer', 'minisearch', 'flexsearch'] as const) {
      if (only === 'main') {
        comparisons[engineName] = { skipped: 'left out (NOTE_SEARCH_ONLY=main)' }
        continue
      }
      log(`  comparison: ${engineName}`)
      comparisons[engineName] = await compare({ engine: engineName, dataDir }, keys, capMs)
    }

    writeResult(out, {
      notes: notes.length,
      wordsPerNote,
      storeMB: round(storeBytes / 1e6),
      budgets: {
        firstKeystrokeP95Ms: BUDGETS.noteFirstKeystrokeP95Ms,
        perKeystrokeP95Ms: BUDGETS.notePerKeystrokeP95Ms,
        rendererHeapBytes: BUDGETS.heapBytes,
      },
      build,
      coldStarts,
      perKeystroke,
      browser,
      comparisons,
    } satisfies NoteSearchBenchResult)
  } finally {
    // NOTE_SEARCH_KEEP=<folder>: the store and its index file are kept there (to look at them, or time their load).
    const keep = process.env['NOTE_SEARCH_KEEP']
    if (keep) await cp(folder, keep, { recursive: true })
    await rm(folder, { recursive: true, force: true })
  }
}

const childJob = process.env['NOTE_SEARCH_CHILD']
if (!isMainThread) await serve(workerData as Job)
else if (childJob) {
  const { folder, dataDir, query, delay } = JSON.parse(childJob) as { folder: string; dataDir: string; query: string; delay: number }
  await coldStart(folder, dataDir, query, delay)
} else await main()

void INDEX_FILE
