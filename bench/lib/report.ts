/** The table (stdout and Markdown), the notes on where the time goes, and the JSON of a run. */
import { BUDGETS } from './budgets'
import type { FreshMemory, Machine } from './machine'
import type {
  DesktopResult,
  GenerateResult,
  NoteSearchBenchResult,
  OpenResult,
  RendererResult,
  SaveSize,
  SavesResult,
  SearchResult,
} from './results'
import { median, percentile, round, type Summary } from './stats'

export interface Sections {
  renderer?: RendererResult
  generate?: GenerateResult
  search?: SearchResult
  saves?: SavesResult
  open?: OpenResult
  desktop?: DesktopResult
  noteSearch?: NoteSearchBenchResult
}

type Status = 'met' | 'missed' | 'info' | 'not run'

export interface Row {
  id: string
  metric: string
  value: string
  budget: string
  status: Status
  /** The number compared with the budget, for tools reading the JSON. */
  measured: number | null
  limit: number | null
}

export interface ReportInput {
  machine: Machine
  build: { rebuilt: boolean; ms: number; outDir: string }
  sections: Sections
  runs: Record<string, { ok: boolean; ms: number; load: { before: number; after: number }; error?: string }>
  quick: boolean
  totalMs: number
  end: { load: number[]; cpuShare: number; freshMemory?: FreshMemory }
}

const ms = (x: number) => `${round(x)} ms`
const kB = (bytes: number) => `${round(bytes / 1000)} kB`
const MB = (x: number) => `${round(x)} MB`
const times = (x: number) => `${x >= 0.1 ? round(x) : Number(x.toPrecision(2))}×`
const n = (x: number) => x.toLocaleString('en')

function judge(measured: number, limit: number): Status {
  return Number.isFinite(measured) ? (measured <= limit ? 'met' : 'missed') : 'not run'
}

function rows(s: Sections): Row[] {
  const out: Row[] = []
  const budgeted = (id: string, metric: string, value: string, measured: number, limit: number, budget: string) =>
    out.push({ id, metric, value, budget, status: judge(measured, limit), measured: round(measured), limit })
  const info = (id: string, metric: string, value: string) =>
    out.push({ id, metric, value, budget: '—', status: 'info', measured: null, limit: null })
  const missing = (id: string, metric: string, budget: string) =>
    out.push({ id, metric, value: '—', budget, status: 'not run', measured: null, limit: null })

  const r = s.renderer
  if (r) {
    budgeted(
      '1',
      `Start → list painted and filtering (median of ${r.start.runs}; p95)`,
      `${ms(r.start.readyMs.p50)} (p95 ${ms(r.start.readyMs.p95)})`,
      r.start.readyMs.p50,
      BUDGETS.startMs,
      `≤ ${BUDGETS.startMs} ms`,
    )
    info(
      '1',
      '↳ the floor: the least page of that shape in the same harness (median; p95)',
      `${ms(r.start.floorReadyMs.p50)} (p95 ${ms(r.start.floorReadyMs.p95)})`,
    )
    const overFloor = r.start.readyMs.p50 / r.start.floorReadyMs.p50
    budgeted(
      '1',
      '↳ the start ÷ the floor (medians)',
      `${overFloor.toFixed(2)}× (${ms(r.start.readyMs.p50 - r.start.floorReadyMs.p50)} above it)`,
      overFloor,
      BUDGETS.startToFloorRatio,
      `≤ ${BUDGETS.startToFloorRatio}×`,
    )
    budgeted(
      '2',
      `First view: JS + CSS before the list is painted, gzipped (${r.firstView.files.length} files)`,
      `${kB(r.firstView.gzipBytes)} (${kB(r.firstView.rawBytes)} raw)`,
      r.firstView.gzipBytes,
      BUDGETS.firstViewGzipBytes,
      `≤ ${kB(BUDGETS.firstViewGzipBytes)}`,
    )
    const lazy = r.lazyChunks
      .map((v) => ({ view: v.view, gzip: v.files.reduce((a, f) => a + f.gzip, 0) }))
      .filter((v) => v.gzip > 0)
      .sort((a, b) => b.gzip - a.gzip)
    info(
      '2',
      `Loaded lazily by ${lazy.length} views, gzipped (largest 3)`,
      lazy.length
        ? `${kB(lazy.reduce((a, v) => a + v.gzip, 0))}: ${lazy
            .slice(0, 3)
            .map((v) => `${v.view} ${kB(v.gzip)}`)
            .join(', ')}`
        : 'nothing',
    )
  } else {
    missing('1', 'Start → list painted and filtering', `≤ ${BUDGETS.startMs} ms`)
    missing('2', 'First view: JS + CSS gzipped', `≤ ${kB(BUDGETS.firstViewGzipBytes)}`)
  }

  const d = s.desktop
  if (d && 'skipped' in d) info('1d', 'Desktop app start (Electron)', `skipped: ${d.skipped}`)
  else if (d) {
    info(
      '1d',
      `Desktop app start (Electron): launch → list painted (median of ${d.runs}; p95)`,
      `${ms(d.launchToListMs.p50)} (p95 ${ms(d.launchToListMs.p95)})`,
    )
    info(
      '1d',
      '↳ of which in the window: navigation start → list painted',
      `${ms(d.navigationToListMs.p50)} (p95 ${ms(d.navigationToListMs.p95)})`,
    )
  }

  const [real, scale] = s.search?.setups ?? []
  if (real && scale) {
    budgeted(
      '3a',
      `Search per keystroke, index alone, p95: real pack (${n(real.documents)} docs)`,
      ms(real.perKeystroke.minisearch.p95),
      real.perKeystroke.minisearch.p95,
      BUDGETS.searchRealP95Ms,
      `≤ ${BUDGETS.searchRealP95Ms} ms`,
    )
    info(
      '3a',
      '↳ FlexSearch / linear scan p95, real pack',
      `${ms(real.perKeystroke.flexsearch.p95)} (${times(real.ratioP95ToMinisearch.flexsearch)}) / ${ms(real.perKeystroke.linear.p95)} (${times(real.ratioP95ToMinisearch.linear)})`,
    )
    budgeted(
      '3a',
      `Search per keystroke, index alone, p95: scale (${n(scale.documents)} docs)`,
      ms(scale.perKeystroke.minisearch.p95),
      scale.perKeystroke.minisearch.p95,
      BUDGETS.searchScaleP95Ms,
      `≤ ${BUDGETS.searchScaleP95Ms} ms`,
    )
    info(
      '3a',
      '↳ FlexSearch / linear scan p95, scale',
      `${ms(scale.perKeystroke.flexsearch.p95)} (${times(scale.ratioP95ToMinisearch.flexsearch)}) / ${ms(scale.perKeystroke.linear.p95)} (${times(scale.ratioP95ToMinisearch.linear)})`,
    )
    info(
      '3a',
      "Index build at scale: the app's / FlexSearch / linear",
      `${ms(scale.build.minisearch.ms)} / ${ms(scale.build.flexsearch.ms)} / ${ms(scale.build.linear.ms)}`,
    )
  } else {
    missing('3a', 'Search per keystroke p95, real pack', `≤ ${BUDGETS.searchRealP95Ms} ms`)
    missing('3a', 'Search per keystroke p95, scale', `≤ ${BUDGETS.searchScaleP95Ms} ms`)
  }
  if (r) {
    budgeted(
      '3b',
      `Palette: input → options re-rendered, p95 of ${r.palette.keystrokes} keystrokes`,
      `${ms(r.palette.renderedMs.p95)} (to next frame ${ms(r.palette.nextFrameMs.p95)})`,
      r.palette.renderedMs.p95,
      BUDGETS.paletteP95Ms,
      `≤ ${BUDGETS.paletteP95Ms} ms`,
    )
  } else missing('3b', 'Palette: input → options re-rendered, p95', `≤ ${BUDGETS.paletteP95Ms} ms`)

  const ns = s.noteSearch
  if (ns) {
    const c = ns.coldStarts
    budgeted(
      '3c',
      `Notes in main, ${n(ns.notes)}: first keystroke after a cold start, bridge round trip, p95 of ${c.runs}`,
      `${ms(c.firstQueryMs.p95)} (p50 ${ms(c.firstQueryMs.p50)}; index file read in ${ms(c.loadMs.p50)})`,
      c.firstQueryMs.p95,
      BUDGETS.noteFirstKeystrokeP95Ms,
      `≤ ${BUDGETS.noteFirstKeystrokeP95Ms} ms`,
    )
    info('3c', '↳ the same query sent the moment the store opens (waits for the whole read), p95', ms(c.firstQueryAtOnceMs.p95))
    budgeted(
      '3c',
      `Notes in main: per keystroke, bridge round trip, p95 of ${n(ns.perKeystroke.bridgeMs.n)}`,
      `${ms(ns.perKeystroke.bridgeMs.p95)} (index alone ${ms(ns.perKeystroke.indexAloneMs.p95)})`,
      ns.perKeystroke.bridgeMs.p95,
      BUDGETS.notePerKeystrokeP95Ms,
      `≤ ${BUDGETS.notePerKeystrokeP95Ms} ms`,
    )
    if (ns.browser) {
      budgeted(
        '3c',
        `↳ from the page in Chromium over browse's HTTP bridge: per keystroke p95 (first after a cold start, p95 of ${ns.browser.coldStarts})`,
        `${ms(ns.browser.perKeystrokeMs.p95)} (${ms(ns.browser.firstQueryMs.p95)})`,
        ns.browser.perKeystrokeMs.p95,
        BUDGETS.notePerKeystrokeP95Ms,
        `≤ ${BUDGETS.notePerKeystrokeP95Ms} ms`,
      )
      budgeted(
        '3c',
        'Renderer JS heap after typing in the palette over 50,000 notes, after GC',
        `${MB(ns.browser.heapMB)} (${n(ns.browser.answerBytes)} bytes per answer)`,
        ns.browser.heapMB,
        BUDGETS.heapBytes / 1e6,
        `≤ ${MB(BUDGETS.heapBytes / 1e6)}`,
      )
      if (ns.browser.notesPage)
        info(
          '3c',
          `The notes page (#/notes) at ${n(ns.notes)} notes, to its list painted`,
          `${ms(ns.browser.notesPage.ms)} (${n(ns.browser.notesPage.shown)} notes on the page, one page asked of main: ${MB(ns.browser.notesPage.bridgeBytes / 1e6)} over the bridge)`,
        )
      if (ns.browser.notesPage?.searchMs.length)
        info(
          '3c',
          `A word searched on the notes page at ${n(ns.notes)} notes, to its list painted: the first, then another`,
          ns.browser.notesPage.searchMs.map(ms).join(', ') + ' (the first folds every note in main, kept for the next)',
        )
    } else missing('3c', 'Renderer JS heap with main searching the notes', `≤ ${MB(BUDGETS.heapBytes / 1e6)}`)
    info(
      '3c',
      "Main's memory for the index (read from its file: heap + array buffers; RSS), first build, file",
      `+${MB(ns.coldStarts.heapMB.p50)} + ${MB(ns.coldStarts.externalMB.p50)} (+${MB(ns.coldStarts.rssMB.p50)} RSS); built in ${ms(ns.build.ms)} in a ${ns.build.builtIn === 'worker' ? 'worker thread' : ns.build.builtIn} (main +${MB(ns.build.heapMB)} heap meanwhile); ${MB(ns.build.fileMB)} written by main in ${ms(ns.build.saveMs)}, in slices`,
    )
    const cmp = (k: 'renderer' | 'minisearch' | 'flexsearch') => {
      const x = ns.comparisons[k]
      return 'skipped' in x ? x.skipped : `p95 ${ms(x.p95Ms)}, build ${ms(x.buildMs)}, +${MB(x.heapMB)}${x.note ? ` (${x.note})` : ''}`
    }
    info('3c', '↳ the renderer index as it was (every note read over the bridge)', cmp('renderer'))
    info('3c', '↳ MiniSearch / FlexSearch in main over the same notes', `${cmp('minisearch')} / ${cmp('flexsearch')}`)
  } else missing('3c', 'Notes in main: first keystroke after a cold start, p95', `≤ ${BUDGETS.noteFirstKeystrokeP95Ms} ms`)

  if (s.saves) {
    for (const size of s.saves.sizes) {
      const value = `${ms(size.save.p95)} (p50 ${ms(size.save.p50)})`
      const metric = `Save a note, p95, ${n(size.notes)} notes in the store`
      if (size.notes === 1000) budgeted('4', metric, value, size.save.p95, BUDGETS.saveP95Ms, `≤ ${BUDGETS.saveP95Ms} ms`)
      else info('4', metric, value)
      budgeted(
        '4',
        `↳ ÷ floor p95 (append + fdatasync, ${ms(size.floorSync.p95)})`,
        `${times(size.ratioP95ToFloor)} (${times(size.ratioP95ToAsyncFloor)} of the FileHandle floor)`,
        size.ratioP95ToFloor,
        BUDGETS.saveToFloorRatio,
        `≤ ${BUDGETS.saveToFloorRatio}×`,
      )
      const during = size.duringIndexBuild
      // Too few saves to give a p95 where the build is short (no notes, or a few hundred).
      if (during && during.saves >= 20)
        budgeted(
          '4',
          `↳ while note search builds its index (${n(during.saves)} saves in its ${ms(during.buildMs)}), p95 ÷ floor`,
          `${ms(during.save.p95)} (${times(round(during.save.p95 / size.floorSync.p95))})${besideFloor(during.save.p95, during.floor)}`,
          during.save.p95 / size.floorSync.p95,
          BUDGETS.saveToFloorRatio,
          `≤ ${BUDGETS.saveToFloorRatio}×`,
        )
      const merge = size.merge
      if (merge) {
        budgeted(
          '4',
          `Merge of ${n(merge.changes)} incoming changes at ${n(size.notes)} notes (another device's file, ${MB(merge.fileMB)}): to the store`,
          `${ms(merge.mergeMs)}${faultShare(merge.pageFaults?.underSaves, merge.pageFaults)} (the whole exchange ${ms(merge.exchangeMs)}; ${n(merge.merged)} merged; note search then ${ms(merge.indexMs)})${merge.aloneMs !== undefined ? `; with no saves meanwhile ${ms(merge.aloneMs)}${faultShare(merge.pageFaults?.alone, merge.pageFaults)}` : ''}`,
          merge.mergeMs,
          BUDGETS.mergeMs,
          `≤ ${BUDGETS.mergeMs} ms`,
        )
        for (const [what, during] of [
          ['the exchange runs', merge.duringExchange],
          ['note search reads the merged notes', merge.duringIndex],
        ] as const)
          if (during.saves >= 20)
            budgeted(
              '4',
              `↳ saves while ${what} (${n(during.saves)}), p95 ÷ floor`,
              `${ms(during.p95)} (${times(round(during.p95 / size.floorSync.p95))})${besideFloor(during.p95, during.floor)}`,
              during.p95 / size.floorSync.p95,
              BUDGETS.saveToFloorRatio,
              `≤ ${BUDGETS.saveToFloorRatio}×`,
            )
          else info('4', `↳ saves while ${what}`, `${n(during.saves)} (too few for a p95), slowest ${ms(during.max)}`)
        const whole = merge.wholeFile
        if (whole)
          info(
            '4',
            `↳ then the other device's whole file (${n(whole.notes)} notes, ${MB(whole.fileMB)}), ${n(whole.changes)} changed there: main held at most`,
            `${ms(whole.loopDelay.maxMs)} (read in the worker; read on main it would be ${ms(whole.inThreadMs)} at once); the exchange ${ms(whole.exchangeMs)}, ${n(whole.merged)} merged`,
          )
      }
    }
    info(
      '4',
      `Compaction, once every ${n(s.saves.compactAfter)} saves: that save costs / saves while its fold runs, p95 (slowest)`,
      s.saves.sizes
        .map((z) => {
          const during = z.compaction.nextSaveMs ?? []
          const floor = z.compaction.nextFloorMs ?? []
          const beside = floor.length > 0 ? `, floor beside ${ms(percentile(floor, 95))}` : ''
          return `${ms(z.compaction.medianMs)} / ${ms(percentile(during, 95))} (${ms(Math.max(0, ...during))}${beside}) at ${n(z.notes)}`
        })
        .join(', '),
    )
  } else missing('4', 'Save a note, p95, 1,000 notes', `≤ ${BUDGETS.saveP95Ms} ms`)

  if (s.open) {
    budgeted(
      '5',
      `Open and validate ${n(s.open.notes)} notes (${s.open.snapshotMB} MB), median of ${s.open.runs}`,
      ms(s.open.medianMs),
      s.open.medianMs,
      BUDGETS.openMs,
      `≤ ${BUDGETS.openMs} ms`,
    )
    if (s.open.floor)
      info(
        '5',
        '↳ the floor: the file read whole into memory and passed over once, no parse (median, fresh processes)',
        `${ms(s.open.floor.medianMs)} (the read ${ms(s.open.floor.readMs)}); the open ${times(round(s.open.medianMs / s.open.floor.medianMs))} of it`,
      )
  } else missing('5', 'Open and validate 50,000 notes', `≤ ${BUDGETS.openMs} ms`)

  if (r) {
    budgeted(
      '6',
      `JS heap after every view (${r.heap.views.length}), after GC`,
      `${MB(r.heap.afterEveryView.usedMB)} (first view ${MB(r.heap.firstView.usedMB)})`,
      r.heap.afterEveryView.usedMB * 1e6,
      BUDGETS.heapBytes,
      `≤ ${MB(BUDGETS.heapBytes / 1e6)}`,
    )
  } else missing('6', 'JS heap after every view', `≤ ${MB(BUDGETS.heapBytes / 1e6)}`)
  return out
}

/** Measured detail behind each row: where the time (or the bytes) goes. */
function notes(s: Sections, all: Row[]): string[] {
  const missed = (id: string) => all.some((row) => row.id === id && row.status === 'missed')
  const flag = (id: string) => (missed(id) ? ' **(missed)**' : '')
  const lines: string[] = []
  const r = s.renderer
  if (r) {
    const b = Object.entries(r.start.breakdownMedianMs)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(' → ')
    const mt = r.start.mainThread
    const list = (items: [string, number][], n = 8) =>
      items
        .slice(0, n)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', ')
    const start = [
      `**1. Start**${flag('1')}: median milestones from navigation start: ${b}.`,
      `Each run: ${r.start.readyEachMs.join(', ')} ms; the warm-up run (not counted) ${ms(r.start.warmupReadyMs)}.`,
      `The floor page (bench/page/floor.js in the app's index.html: its stylesheet and fonts, one script, one request, a header, 70 links and a filter field, no app) taken the same way: median ${ms(r.start.floorReadyMs.p50)}, p95 ${ms(r.start.floorReadyMs.p95)}; the app's median is ${ms(r.start.readyMs.p50 - r.start.floorReadyMs.p50)} above it.${
        r.start.floorBreakdownMedianMs
          ? ` The floor page's milestones (medians): ${Object.entries(r.start.floorBreakdownMedianMs)
              .map(([k, v]) => `${k} ${ms(v)}`)
              .join(' → ')}.`
          : ''
      }`,
      `The list showed ${r.start.listed.before} organisations and typing "${r.start.filterText}" left ${r.start.listed.after}${r.start.filteredEveryRun ? ' (filtered in every run)' : ' (NOT filtered in every run)'}; API calls made before ready: ${r.start.apiCalls.join(', ')}.`,
      `One more start with CDP performance metrics and a JS profile (ready at ${ms(mt.readyMs)}): the page's main thread was busy ${ms(mt.busyMs)} (${list(Object.entries(mt.kinds))}) and waiting ${ms(mt.idleMs)} (on the server, the network stack, other processes, frames).${
        r.start.floorMainThread
          ? ` The floor page's, taken the same way (ready at ${ms(r.start.floorMainThread.readyMs)}): busy ${ms(r.start.floorMainThread.busyMs)} (${list(Object.entries(r.start.floorMainThread.kinds))}), waiting ${ms(r.start.floorMainThread.idleMs)}.`
          : ''
      }`,
      `JS self time by function: ${list(mt.hotScripts.map((h) => [h.fn, h.selfMs]))}.`,
    ]
    if (r.start.jsSelfTimeByModule) {
      start.push(
        `The same by source module (through source maps): ${list(
          r.start.jsSelfTimeByModule.map((x) => [x.source, x.ms]),
          10,
        )}.`,
      )
    }
    lines.push(start.join(' '))
    const files = r.firstView.files.map((f) => `${f.path} ${kB(f.gzip)}`).join(', ')
    let first = `**2. First view**${flag('2')}: ${files}.`
    if (r.firstViewSources?.length) {
      first += ` Its JS by source (share of raw bytes): ${r.firstViewSources.map((x) => `${x.source} ${x.share}%`).join(', ')}.`
    }
    if (r.firstViewMinifiedGzip)
      first += ` out/ is not minified: the same files minified (oxc) would be ${kB(r.firstViewMinifiedGzip)} gzipped.`
    lines.push(first)
    lines.push(
      `**Lazy chunks** (first visit of each view, gzipped): ${r.lazyChunks.map((v) => `${v.view}: ${v.files.length ? v.files.map((f) => `${f.path} ${kB(f.gzip)}`).join(', ') : 'nothing new'}`).join('; ')}.`,
    )
  }
  const setups = s.search?.setups ?? []
  for (const [i, setup] of setups.entries()) {
    const byLength = Object.entries(setup.p95ByPrefixLength.minisearch)
      .map(([len, v]) => `${len} char${len === '1' ? '' : 's'} ${ms(v)}`)
      .join(', ')
    const slow = setup.slowestMinisearch
      .slice(0, 4)
      .map((k) => `"${k.query}" ${ms(k.ms)} (${k.results} results)`)
      .join(', ')
    const typo = Object.entries(setup.found)
      .filter(([, f]) => f.minisearch !== null)
      .map(
        ([q, f]) =>
          `"${q}": the app ${f.minisearch ? 'yes' : 'no'}, FlexSearch ${f.flexsearch ? 'yes' : 'no'}, linear ${f.linear ? 'yes' : 'no'}`,
      )
      .join('; ')
    const limit = i === 0 ? BUDGETS.searchRealP95Ms : BUDGETS.searchScaleP95Ms
    const prof = setup.minisearchProfile
    const profiled = prof
      ? ` A CPU profile of the app's search on ${prof.keystrokes.map((k) => `"${k}"`).join(', ')} (${ms(prof.totalMs)}), self time: ${prof.hot
          .slice(0, 8)
          .map((h) => `${h.fn} ${h.share}%`)
          .join(', ')}.`
      : ''
    lines.push(
      `**3a. Search, ${setup.setup}**${setup.perKeystroke.minisearch.p95 > limit ? ' **(missed)**' : ''}: ${n(setup.keystrokes)} keystrokes × ${setup.rounds} rounds per engine. The app's index (MiniSearch for names, word indexes for text and notes) p50 ${ms(setup.perKeystroke.minisearch.p50)}, p95 by prefix length: ${byLength}. Slowest: ${slow}. FlexSearch p50/p95 ${ms(setup.perKeystroke.flexsearch.p50)}/${ms(setup.perKeystroke.flexsearch.p95)}, linear ${ms(setup.perKeystroke.linear.p50)}/${ms(setup.perKeystroke.linear.p95)}. Build: the app's ${ms(setup.build.minisearch.ms)} (+${MB(setup.build.minisearch.heapMB)} heap), FlexSearch ${ms(setup.build.flexsearch.ms)} (+${MB(setup.build.flexsearch.heapMB)}), linear ${ms(setup.build.linear.ms)} (+${MB(setup.build.linear.heapMB)}). Found in the top 10: ${typo}.${profiled}`,
    )
  }
  if (r) {
    const slow = r.palette.slowest
      .slice(0, 4)
      .map((k) => `"${k.query}" ${ms(k.rendered)} (${k.options} options)`)
      .join(', ')
    lines.push(
      `**3b. Palette**${flag('3b')}: first Ctrl+K to results (the index is built on first open) ${ms(r.palette.indexReadyMs)}. Per keystroke, input → options re-rendered and laid out: p50 ${ms(r.palette.renderedMs.p50)}, p95 ${ms(r.palette.renderedMs.p95)}; to the end of the next frame p50 ${ms(r.palette.nextFrameMs.p50)}, p95 ${ms(r.palette.nextFrameMs.p95)}. Slowest: ${slow}.`,
    )
  }
  if (s.saves) {
    const sizes = s.saves.sizes
      .map(
        (z) =>
          `${n(z.notes)} notes: save p50/p95 ${ms(z.save.p50)}/${ms(z.save.p95)} (update ${ms(z.update.p95)}, create ${ms(z.create.p95)}); floor p50/p95 ${ms(z.floorSync.p50)}/${ms(z.floorSync.p95)} (through Node's FileHandle, as the journal does: ${ms(z.floorAsync.p95)}); app CPU per save (apart): validating the input ${ms(z.cpu.validateMs)}, the journal line ${ms(z.cpu.stringifyMs)}; GC paused ${z.gc.savesWithGc} saves, and ${z.gc.tailSavesWithGc} of the ${z.gc.tailSaves} at or above p95 (${ms(z.gc.tailGcMs)} of their ${ms(z.gc.tailMs)}); compaction ${z.compaction.saveMs.map(ms).join(', ')}, ${(z.compaction.nextSaveMs ?? []).length} saves while its folds ran: p50 ${ms(median(z.compaction.nextSaveMs ?? []))}, slowest ${ms(Math.max(0, ...(z.compaction.nextSaveMs ?? [])))}`,
      )
      .join('. ')
    lines.push(
      `**4. Saves**${flag('4')}: ${s.saves.savesPerSize} saves per size (every ${s.saves.createEvery}th a create), journal lines of ~${s.saves.sizes[0]?.journalLineBytes.min}–${s.saves.sizes[0]?.journalLineBytes.max} bytes, each save interleaved with the floor writes. ${sizes}. Compaction happens once per ${n(s.saves.compactAfter)} saves (0.05% of saves), so it cannot reach p95 (it shows from p99.95 up). The save that reaches it is answered once in the journal; the fold takes the state then, writes the snapshot while saves go on, and trims the journal to what came after: main encodes the snapshot 1 ms at a time, so a save waits for a slice of it at each of its turns of the event loop (its write, its fdatasync), and for its fdatasync behind the snapshot's own write. Moving the encoding to a worker thread is what would take the slices off main.${mergeDelays(s.saves.sizes)}`,
    )
  }
  if (s.open) {
    const parts = Object.entries(s.open.parts)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ')
    const sum = Object.values(s.open.parts).reduce((a, b) => a + b, 0)
    const backup = Object.entries(s.open.parts).find(([k]) => k.startsWith('backup'))?.[1] ?? 0
    lines.push(
      `**5. Open**${flag('5')}: each run a fresh Node process: ${s.open.openMs.map(ms).join(', ')}.${s.open.floor ? ` The floor beside it, in fresh processes too: the file read whole into memory (${ms(s.open.floor.readMs)}) and passed over once (${ms(s.open.floor.medianMs)} in all; on this machine memory used for the first time is slow, see Machine).` : ''} The steps as the store takes them, timed apart in fresh processes (medians): ${parts}; together ${ms(sum)}, ${ms(sum - backup)} without the backup (which open may leave running in the store's queue); the app's own readStoreFile (read to validated) alone ${ms(s.open.readStoreFileMs)}. What-if, also in fresh processes, readStoreFile on the same notes laid out as ${s.open.whatIfs.map((w) => `${w.label} (${w.mb} MB): ${ms(w.readMs)}`).join('; ')}. After an unclean exit (${s.open.afterUncleanExit.journalEntries} changes in the journal, so open replays them and compacts): ${ms(s.open.afterUncleanExit.medianMs)}.`,
    )
  }
  if (r) {
    lines.push(
      `**6. Heap**${flag('6')}: after GC, on the first view ${MB(r.heap.firstView.usedMB)}; after ${r.heap.views.join(', ')}: ${MB(r.heap.afterEveryView.usedMB)} (V8 heap total ${MB(r.heap.afterEveryView.totalMB)}; performance.memory ${MB(r.heap.afterEveryView.performanceMemoryMB)}).`,
    )
    if (r.problems.length) lines.push(`**Page problems seen**: ${[...new Set(r.problems)].slice(0, 5).join('; ')}.`)
  }
  const ns = s.noteSearch
  if (ns) {
    const c = ns.coldStarts
    const cmp = (k: 'renderer' | 'minisearch' | 'flexsearch') => {
      const x = ns.comparisons[k]
      return 'skipped' in x
        ? x.skipped
        : `built in ${ms(x.buildMs)} (+${MB(x.heapMB)} heap), per keystroke p50 ${ms(x.p50Ms)}, p95 ${ms(x.p95Ms)} over ${x.keystrokes} keystrokes${x.note ? `, ${x.note}` : ''}`
    }
    lines.push(
      `**3c. Notes searched in main**${flag('3c')}: ${n(ns.notes)} notes of ~${ns.wordsPerNote} words (store ${MB(ns.storeMB)}). First build (no file), in ${ns.build.builtIn === 'worker' ? 'the worker thread the app starts' : ns.build.builtIn}: ${ms(ns.build.ms)}, main +${MB(ns.build.heapMB)} heap, +${MB(ns.build.rssMB)} RSS meanwhile (the index taken from the worker in ${ms(ns.build.adoptMs)} on main; the worker wrote the file, in ${ms(ns.build.workerWriteMs)}; after main's own write: +${MB(ns.build.heapAfterSaveMB)} heap, +${MB(ns.build.rssAfterSaveMB)} RSS, most of it the note bodies the store decoded for the build and keeps); the file ${MB(ns.build.fileMB)}, written by main in ${ms(ns.build.saveMs)} (the index taken, encoded and hashed in 1 ms slices while notes go on being indexed, apart from a few steps of tens of ms: the first, which takes the ids, the stamps and room for every number, and the ids and stamps written out as JSON; then the durable write; as after every thousand changes and at close after many). ${c.runs} cold starts, each a fresh process: store open p50 ${ms(c.storeOpenMs.p50)}, then the index file read (checksum, decoding, freshness against the store) p50 ${ms(c.loadMs.p50)}, p95 ${ms(c.loadMs.p95)} (source: ${c.sources.join(', ')}; steps, medians: ${Object.entries(
        c.steps,
      )
        .filter(([k]) => k !== 'bytes')
        .map(([k, x]) => `${k.replace(/Ms$/, '')} ${ms(x)}`)
        .join(
          ', ',
        )}, the check against the store after it, in slices), main's memory for it +${MB(c.heapMB.p50)} heap and +${MB(c.externalMB.p50)} array buffers (+${MB(c.rssMB.p50)} RSS); the first query 300 ms after the store opened, through the bridge round trip: p50 ${ms(c.firstQueryMs.p50)}, p95 ${ms(c.firstQueryMs.p95)}; the same query the moment the store opened: p50 ${ms(c.firstQueryAtOnceMs.p50)}, p95 ${ms(c.firstQueryAtOnceMs.p95)}. Warm, ${ns.perKeystroke.keystrokes} keystrokes × ${ns.perKeystroke.rounds}: round trip p50 ${ms(ns.perKeystroke.bridgeMs.p50)}, p95 ${ms(ns.perKeystroke.bridgeMs.p95)} (index alone p95 ${ms(ns.perKeystroke.indexAloneMs.p95)}); slowest ${ns.perKeystroke.slowest.map((x) => `"${x.query}" ${ms(x.ms)}`).join(', ')}.${ns.browser ? ` In Chromium over browse (HTTP bridge): first query after a cold start p95 ${ms(ns.browser.firstQueryMs.p95)} over ${ns.browser.coldStarts} starts, per keystroke p50 ${ms(ns.browser.perKeystrokeMs.p50)}, p95 ${ms(ns.browser.perKeystrokeMs.p95)}; ${n(ns.browser.answerBytes)} bytes per answer; the palette ${ns.browser.paletteShowedNote ? 'showed' : 'did not show'} notes; the page's heap after GC ${MB(ns.browser.heapMB)}.` : ''} In the same run, in worker threads: the renderer's index as it was (the pack and every note) ${cmp('renderer')}; MiniSearch in main ${cmp('minisearch')}; FlexSearch in main ${cmp('flexsearch')}.`,
    )
  }
  return lines
}

function table(all: Row[]): { text: string; markdown: string } {
  const header = ['#', 'Metric', 'Value', 'Budget', '']
  const cells = all.map((row) => [row.id, row.metric, row.value, row.budget, row.status])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ')
  const text = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
  const md = (c: string[]) => `| ${c.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`
  const markdown = [
    md(header),
    md(header.map(() => '---')),
    ...cells.map((c) => md(c.map((x, i) => (i === 4 && x === 'missed' ? '**missed**' : x)))),
  ].join('\n')
  return { text, markdown }
}

/** Where main was busy during the merge of the largest size: each phase's event-loop delay. */
/**
 * The floor taken beside a phase's saves (the disk's latency while that phase ran), and the saves' p95 over it: how
 * much of their time is the disk, busy with the phase's own writes, and how much is main.
 */
function besideFloor(p95: number, floor: Summary | undefined): string {
  if (!floor || !(floor.n > 1)) return ''
  return `; the floor beside them ${ms(floor.p95)}, ${times(round(p95 / floor.p95))} of it`
}

function mergeDelays(sizes: readonly SaveSize[]): string {
  const size = sizes.find((z) => z.merge?.loopDelay)
  const d = size?.merge?.loopDelay
  if (!size || !d) return ''
  const phase = (x: { p99Ms: number; maxMs: number; samples: number }) =>
    x.samples === 0 ? 'too short to sample' : `p99 ${ms(x.p99Ms)}, longest ${ms(x.maxMs)}`
  return ` During the merge at ${n(size.notes)} notes, main's event loop ran late (monitorEventLoopDelay, 1 ms resolution: how long main was busy at a stretch) by ${phase(d.merge)} while the other device's file was read and merged; ${phase(d.ownFile)} while this device's file was made and written; ${phase(d.index)} while note search read the merged notes.`
}

/** How much of a time was this machine's first touch of memory: its page faults at the cost of one measured beside it. */
function faultShare(faults: number | undefined, measured: { usEach: number } | undefined): string {
  if (faults === undefined || !measured) return ''
  return ` (${n(faults)} page faults: ${ms(round((faults * measured.usEach) / 1000))} of it at ${measured.usEach} µs each, measured beside it)`
}

export function machineLines(m: Machine, end: ReportInput['end']): string[] {
  return [
    `${m.nproc} cores (nproc), ${m.cpu}, ${m.memoryGiB} GiB`,
    `${m.os}, Linux ${m.kernel}; Node ${m.node}; ${m.chromium}`,
    `temp folder on ${m.tmpFilesystem}`,
    `load average ${m.loadAverageAtStart.join(' ')} at start, ${end.load.map((x) => round(x)).join(' ')} at the end; a one-second spin got ${Math.round(m.cpuShareAtStart * 100)}% of a core at start, ${Math.round(end.cpuShare * 100)}% at the end (100% on an idle machine)`,
    ...(m.freshMemoryAtStart
      ? [
          `memory not touched before: ${freshLine(m.freshMemoryAtStart)} at start${end.freshMemory ? `, ${freshLine(end.freshMemory)} at the end` : ''}; touched again ${ms(m.freshMemoryAtStart.againMsPerMB)} per MB`,
        ]
      : []),
  ]
}

const freshLine = (f: FreshMemory) => `${ms(f.firstTouchMsPerMB)} per MB the first time (${f.usPerPageFault} µs per page fault)`

export function buildReport(input: ReportInput): { text: string; markdown: string; json: unknown } {
  const all = rows(input.sections)
  const { text, markdown } = table(all)
  const detail = notes(input.sections, all)
  const machine = machineLines(input.machine, input.end)
  const share = Math.min(input.machine.cpuShareAtStart, input.end.cpuShare)
  const busy = input.machine.loadAverageAtStart[0]! > input.machine.nproc || share < 0.8
  const warning = busy
    ? `The machine was busy (load ${input.machine.loadAverageAtStart[0]} on ${input.machine.nproc} cores; a spinning process got ${Math.round(share * 100)}% of a core): timings are pessimistic.`
    : null
  const date = new Date().toISOString()
  const missed = all.filter((row) => row.status === 'missed').length
  const crashed = Object.entries(input.runs).filter(([, r]) => !r.ok)
  const summary = `${all.filter((row) => row.status === 'met').length} budgets met, ${missed} missed${crashed.length ? `; crashed: ${crashed.map(([k]) => k).join(', ')}` : ''}. Took ${round(input.totalMs / 1000)} s${input.build.rebuilt ? ` (with a ${round(input.build.ms / 1000)} s build)` : ''}.`

  const plain = [
    `Coop Atlas: speed, measured${input.quick ? ' (QUICK run: small sizes, not comparable)' : ''}`,
    '',
    text,
    '',
    summary,
    ...(warning ? [warning] : []),
    '',
    ...machine,
    '',
    'Where the time goes:',
    ...detail.map((d) => `- ${d.replace(/\*\*/g, '')}`),
  ].join('\n')

  const md = [
    '# Speed, measured',
    '',
    `The latest \`npm run bench\` (${date.slice(0, 16).replace('T', ' ')} UTC). ${summary}${warning ? ` ${warning}` : ''} What each row measures: README.md, "Speed, measured".`,
    '',
    markdown,
    '',
    '## Machine',
    '',
    ...machine.map((l) => `- ${l}`),
    '',
    '## Where the time goes',
    '',
    ...detail.map((d) => `- ${d}`),
    '',
  ].join('\n')

  return {
    text: plain,
    markdown: md,
    json: {
      date,
      quick: input.quick,
      machine: input.machine,
      end: input.end,
      build: input.build,
      budgets: BUDGETS,
      rows: all,
      sectionRuns: input.runs,
      totalMs: input.totalMs,
      sections: input.sections,
    },
  }
}
