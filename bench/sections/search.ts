/**
 * Search per keystroke, the index alone (in Node): the app's SearchIndex (MiniSearch over names and titles, word
 * indexes over the reference text and over the notes, see src/renderer/lib/search-index.ts) beside FlexSearch (a
 * Document index over the same fields, with the same tokenising and accent folding) and a linear scan (fold +
 * includes over every document, folded once up front), on the real pack with no notes and on the generated scale
 * pack (10,000 organisations, 50,000 notes of ~300 words).
 *
 * Each engine lives in its own worker thread, so the three builds run side by side (two cores; a 50,000-note build
 * takes a while). Then the keystrokes run one at a time: every prefix of every query is one keystroke, and the
 * engines take turns on each keystroke, in rotating order, so machine noise hits them alike. Times are taken inside
 * the worker, around the search call alone.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { getHeapStatistics } from 'node:v8'
import { Document, Encoder } from 'flexsearch'
import { loadPack } from '../../src/main/content/load-pack'
import type { ContentPack } from '../../src/shared/content/schema'
import { fold } from '../../src/shared/fold'
import { noteDocument, packDocuments, SearchIndex, type SearchDocument } from '../../src/renderer/lib/search-index'
import { BUDGETS } from '../lib/budgets'
import { readGenerated } from '../lib/data'
import { profile, type HotFunction } from '../lib/profile'
import { keystrokes as allKeystrokes, QUERIES } from '../lib/queries'
import type { EngineName, SearchResult, SearchSetup } from '../lib/results'
import { gc, log, PACK_DIR, sectionArgs, writeResult } from '../lib/section'
import { percentile, round, summarise } from '../lib/stats'

const ENGINES: EngineName[] = ['minisearch', 'flexsearch', 'linear']
const tokenize = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean)

function miniEngine(docs: SearchDocument[]): (q: string) => string[] {
  const index = new SearchIndex(docs)
  return (q) => index.search(q).map((h) => h.id)
}

function flexEngine(docs: SearchDocument[]): (q: string) => string[] {
  const index = new Document({
    tokenize: 'forward',
    // The app's tokenising and folding: split on anything not a letter or digit, strip accents, lower-case.
    encoder: new Encoder({ split: /[^\p{L}\p{N}]+/u, normalize: fold, dedupe: false, numeric: false }),
    document: { id: 'id', index: ['names', 'title', 'text'] },
  })
  for (const d of docs) index.add({ id: d.id, names: d.names, title: d.title, text: d.text })
  const byId = new Map(docs.map((d) => [d.id, d]))
  return (q) => {
    if (q.trim() === '') return []
    const merged = index.search(q, { limit: 40, merge: true }) as unknown as { id: string }[]
    // What a palette needs next: the documents themselves.
    return merged.slice(0, 40).map((r) => byId.get(String(r.id))!.id)
  }
}

function linearEngine(docs: SearchDocument[]): (q: string) => string[] {
  const folded = docs.map((d) => ({ id: d.id, names: fold(`${d.names} ${d.title}`), all: fold(`${d.names} ${d.title} ${d.text}`) }))
  return (q) => {
    const terms = tokenize(fold(q))
    if (terms.length === 0) return []
    const hits: { id: string; score: number }[] = []
    for (const d of folded) {
      let score = 0
      let all = true
      for (const t of terms) {
        if (d.names.includes(t)) score += 4
        else if (d.all.includes(t)) score += 1
        else {
          all = false
          break
        }
      }
      if (all) hits.push({ id: d.id, score })
    }
    return hits
      .sort((a, b) => b.score - a.score)
      .slice(0, 40)
      .map((h) => h.id)
  }
}

type Setup = 'real' | 'scale'
interface Job {
  engine: EngineName
  setup: Setup
  dataDir: string
}
type EngineRequest = { type: 'search'; q: string } | { type: 'profile'; queries: string[] }
type Reply =
  | { type: 'built'; ms: number; heapMB: number; documents: number }
  | { type: 'searched'; ms: number; count: number; top: string[] }
  | { type: 'profiled'; totalMs: number; hot: HotFunction[] }

async function documents(setup: Setup, dataDir: string): Promise<SearchDocument[]> {
  const pack = await loadPack(PACK_DIR)
  if (setup === 'real') return packDocuments(pack)
  const generated = await readGenerated(dataDir)
  // The generated organisations carry names, a description and a country; the profile's other facts are empty.
  const facts = { kind: 'national-federation', founded: [], headquarters: [], figures: [], leaders: [], sources: [] }
  const organisations = generated.organisations.map((o) => ({ ...facts, ...o }))
  const scalePack = { ...pack, organisations: [...pack.organisations, ...organisations] } as unknown as ContentPack
  const labels = new Map(scalePack.organisations.map((o) => [o.id, o.names.acronym ?? o.names.english]))
  return [
    ...packDocuments(scalePack),
    ...generated.notes.map((n) => noteDocument(n, (n.target && labels.get(n.target.id)) ?? n.target?.id ?? '')),
  ]
}

/** In a worker: builds one engine, then answers searches. */
async function serve(job: Job): Promise<void> {
  const docs = await documents(job.setup, job.dataDir)
  const heap = () => (gc(), getHeapStatistics().used_heap_size / 1e6)
  const before = heap()
  const start = performance.now()
  const search = { minisearch: miniEngine, flexsearch: flexEngine, linear: linearEngine }[job.engine](docs)
  const ms = performance.now() - start
  parentPort!.postMessage({ type: 'built', ms, heapMB: heap() - before, documents: docs.length } satisfies Reply)
  parentPort!.on('message', (request: EngineRequest) => {
    if (request.type === 'profile') {
      void profile(() => request.queries.forEach(search)).then((p) => parentPort!.postMessage({ type: 'profiled', ...p } satisfies Reply))
      return
    }
    const t0 = performance.now()
    const ids = search(request.q)
    const took = performance.now() - t0
    parentPort!.postMessage({ type: 'searched', ms: took, count: ids.length, top: ids.slice(0, 10) } satisfies Reply)
  })
}

class EngineWorker {
  readonly #worker: Worker
  readonly #waiting: ((reply: Reply) => void)[] = []
  constructor(readonly job: Job) {
    this.#worker = new Worker(new URL(import.meta.url), {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: 12_000 },
    })
    this.#worker.on('message', (reply: Reply) => this.#waiting.shift()?.(reply))
    this.#worker.on('error', (error) => {
      throw error
    })
  }
  next(): Promise<Reply> {
    return new Promise((resolve) => this.#waiting.push(resolve))
  }
  async search(q: string): Promise<Extract<Reply, { type: 'searched' }>> {
    const reply = this.next()
    this.#worker.postMessage({ type: 'search', q } satisfies EngineRequest)
    return (await reply) as Extract<Reply, { type: 'searched' }>
  }
  async profile(queries: string[]): Promise<Extract<Reply, { type: 'profiled' }>> {
    const reply = this.next()
    this.#worker.postMessage({ type: 'profile', queries } satisfies EngineRequest)
    return (await reply) as Extract<Reply, { type: 'profiled' }>
  }
  stop(): Promise<number> {
    return this.#worker.terminate()
  }
}

interface Plan {
  /** Keystrokes run once, not recorded, before measuring (a fresh worker's code is cold). */
  warmup: string[]
  /** Rounds over every keystroke: at least `min`, at most `max`, no new round once `capMs` have gone by. */
  rounds: { min: number; max: number; capMs: number }
  /** When the app's p95 is over this, profile it on these keystrokes to show where its time goes. */
  profileOver: { p95Ms: number; keystrokes: string[] }
}

async function runSetup(setup: Setup, label: string, dataDir: string, plan: Plan): Promise<SearchSetup> {
  log(`search, ${label}: building the three indexes side by side`)
  const workers = ENGINES.map((engine) => new EngineWorker({ engine, setup, dataDir }))
  const built = (await Promise.all(workers.map((w) => w.next()))) as Extract<Reply, { type: 'built' }>[]
  const build = Object.fromEntries(
    ENGINES.map((e, i) => [e, { ms: round(built[i]!.ms), heapMB: round(Math.max(0, built[i]!.heapMB)) }]),
  ) as SearchSetup['build']
  for (const e of ENGINES) log(`  ${e}: built in ${build[e].ms} ms (+${build[e].heapMB} MB heap)`)

  const keystrokes = allKeystrokes()
  for (const k of plan.warmup) for (const w of workers) await w.search(k)
  const samples: Record<EngineName, number[]> = { minisearch: [], flexsearch: [], linear: [] }
  const byLength: Record<EngineName, Record<string, number[]>> = { minisearch: {}, flexsearch: {}, linear: {} }
  const bucket = (k: string) => (k.length >= 4 ? '4+' : String(k.length))
  const miniSlow: SearchSetup['slowestMinisearch'] = []
  let turn = 0
  let rounds = 0
  const began = performance.now()
  while (rounds < plan.rounds.max && (rounds < plan.rounds.min || performance.now() - began < plan.rounds.capMs)) {
    rounds++
    for (const k of keystrokes) {
      turn++
      for (let i = 0; i < workers.length; i++) {
        const w = workers[(i + turn) % workers.length]!
        const { ms, count } = await w.search(k)
        samples[w.job.engine].push(ms)
        ;(byLength[w.job.engine][bucket(k)] ??= []).push(ms)
        if (w.job.engine === 'minisearch') miniSlow.push({ query: k, ms: round(ms), results: count })
      }
    }
  }
  const found: SearchSetup['found'] = {}
  const resultCounts: SearchSetup['resultCounts'] = {}
  for (const q of QUERIES) {
    found[q.text] = { minisearch: null, flexsearch: null, linear: null }
    resultCounts[q.text] = { minisearch: 0, flexsearch: 0, linear: 0 }
    for (const w of workers) {
      const { count, top } = await w.search(q.text)
      resultCounts[q.text]![w.job.engine] = count
      if (q.expect) found[q.text]![w.job.engine] = top.includes(q.expect)
    }
  }
  const perKeystroke = {
    minisearch: summarise(samples.minisearch),
    flexsearch: summarise(samples.flexsearch),
    linear: summarise(samples.linear),
  }
  let minisearchProfile: SearchSetup['minisearchProfile'] = null
  if (perKeystroke.minisearch.p95 > plan.profileOver.p95Ms) {
    log(`  profiling the app's search on ${plan.profileOver.keystrokes.map((k) => `"${k}"`).join(', ')}`)
    const { totalMs, hot } = await workers[0]!.profile(plan.profileOver.keystrokes)
    minisearchProfile = { keystrokes: plan.profileOver.keystrokes, totalMs, hot }
  }
  await Promise.all(workers.map((w) => w.stop()))
  log(`  p95 per keystroke: ${ENGINES.map((e) => `${e} ${round(perKeystroke[e].p95)} ms`).join(', ')}`)
  return {
    setup: label,
    documents: built[0]!.documents,
    keystrokes: keystrokes.length,
    rounds,
    build,
    perKeystroke,
    ratioP95ToMinisearch: {
      flexsearch: Number((perKeystroke.flexsearch.p95 / perKeystroke.minisearch.p95).toPrecision(3)),
      linear: Number((perKeystroke.linear.p95 / perKeystroke.minisearch.p95).toPrecision(3)),
    },
    p95ByPrefixLength: Object.fromEntries(
      ENGINES.map((e) => [e, Object.fromEntries(Object.entries(byLength[e]).map(([b, xs]) => [b, round(percentile(xs, 95))]))]),
    ) as SearchSetup['p95ByPrefixLength'],
    slowestMinisearch: miniSlow.sort((a, b) => b.ms - a.ms).slice(0, 8),
    minisearchProfile,
    found,
    resultCounts,
  }
}

if (!isMainThread) {
  await serve(workerData as Job)
} else {
  const { out, quick, rest } = sectionArgs()
  const dataDir = rest[0]!
  const generated = await readGenerated(dataDir)
  const real = await runSetup('real', 'real pack, 0 notes', dataDir, {
    warmup: allKeystrokes(),
    rounds: { min: quick ? 3 : 20, max: quick ? 3 : 20, capMs: Infinity },
    profileOver: { p95Ms: BUDGETS.searchRealP95Ms, keystrokes: ['c', 'co', 'mond', 'mondragn', 'democratic', 'worker c'] },
  })
  const packOrganisations = (await loadPack(PACK_DIR)).organisations.length
  const scaleLabel = `scale: ${(packOrganisations + generated.organisations.length).toLocaleString('en')} organisations, ${generated.notes.length.toLocaleString('en')} notes`
  generated.notes.length = 0
  // At scale the builds take a while (FlexSearch's minutes): warm up on one query, and measure for up to a minute.
  const scale = await runSetup('scale', scaleLabel, dataDir, {
    warmup: allKeystrokes().slice(0, QUERIES[0]!.text.length),
    rounds: { min: 1, max: quick ? 2 : 10, capMs: 60_000 },
    profileOver: { p95Ms: BUDGETS.searchScaleP95Ms, keystrokes: ['co', 'mond', 'mondragn', 'democratic', 'worker c'] },
  })
  writeResult(out, { setups: [real, scale] } satisfies SearchResult)
}
