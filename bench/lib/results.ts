/** The JSON each section writes, as the report reads it. */
import type { HotFunction } from './profile'
import type { Summary } from './stats'

export type EngineName = 'minisearch' | 'flexsearch' | 'linear'

export interface SearchSetup {
  setup: string
  documents: number
  keystrokes: number
  rounds: number
  build: Record<EngineName, { ms: number; heapMB: number }>
  perKeystroke: Record<EngineName, Summary>
  ratioP95ToMinisearch: { flexsearch: number; linear: number }
  slowestMinisearch: { query: string; ms: number; results: number }[]
  /** A CPU profile of MiniSearch on a few keystrokes, when its p95 is over budget: self time per function. */
  minisearchProfile: { keystrokes: string[]; totalMs: number; hot: HotFunction[] } | null
  /** p95 per keystroke length: single characters against longer prefixes. */
  p95ByPrefixLength: Record<EngineName, Record<string, number>>
  found: Record<string, Record<EngineName, boolean | null>>
  resultCounts: Record<string, Record<EngineName, number>>
}

export interface SearchResult {
  setups: SearchSetup[]
}

export interface GenerateResult {
  organisations: number
  notes: number
  wordsPerNote: number
  ms: number
}

export interface SaveSize {
  notes: number
  /** Saves made while main built the note-search index at first open (no index file), timed apart. */
  duringIndexBuild?: { saves: number; buildMs: number; save: Summary; floor?: Summary }
  snapshotMB: number
  saves: number
  journalLineBytes: { min: number; max: number }
  save: Summary
  update: Summary
  create: Summary
  floorAsync: Summary
  floorSync: Summary
  ratioP95ToFloor: number
  ratioP95ToAsyncFloor: number
  /** The app's own CPU per save, timed apart on the same inputs (medians): input validation, the journal line. */
  cpu: { validateMs: number; stringifyMs: number }
  /** GC pauses during the saves: how many saves met one, and in the tail (saves at or above p95) how much of it was GC. */
  gc: { savesWithGc: number; tailSaves: number; tailSavesWithGc: number; tailGcMs: number; tailMs: number }
  /** The save that reaches the threshold, and those made while its fold runs (nextSaveMs: every one of them). */
  compaction: { everySaves: number; saveMs: number[]; medianMs: number; nextSaveMs: number[]; nextFloorMs?: number[]; hitsP95: boolean }
  /** At the largest size: another device's file with `changes` edited notes, merged by an exchange (#18, point 3). */
  merge?: MergeTiming
}

export interface MergeTiming {
  changes: number
  /** The remote file's bytes, and how many of its edits the store then held. */
  fileMB: number
  merged: number
  /** From the exchange asked to the merge saved in the store (file read, checked, merged, journal fsynced). */
  mergeMs: number
  /** The whole exchange (with this device's own file written again), then note search's update of those notes. */
  exchangeMs: number
  indexMs: number
  /** Saves made meanwhile: while the exchange runs, and while note search reads the merged notes again. */
  /** Each with the floor taken beside them (the disk's latency in that phase, sampled apart: floorBeside in saves.ts). */
  duringExchange: Summary & { saves: number; floor?: Summary }
  duringIndex: Summary & { saves: number; floor?: Summary }
  /**
   * How late main's event loop ran (monitorEventLoopDelay, 1 ms resolution: the longest stretches main was busy) in
   * each phase: the other device's file read and merged, this device's file made and written, note search's update.
   */
  loopDelay: Record<'merge' | 'ownFile' | 'index', LoopDelay>
  /** Then the common case: the other device's whole file, a few notes changed there. */
  wholeFile?: WholeFileTiming
  /** Then the same merge again (a third device's edits of those notes) with no saves meanwhile: to the store. */
  aloneMs?: number
  /**
   * Page faults (memory touched for the first time, every thread) from the exchange asked to the merge in the store,
   * under saves and alone, and what one cost on this machine just before (bench/lib/machine.ts freshMemory).
   */
  pageFaults?: { underSaves: number; alone: number; usEach: number }
}

export interface LoopDelay {
  p99Ms: number
  maxMs: number
  samples: number
}

export interface WholeFileTiming {
  notes: number
  changes: number
  merged: number
  fileMB: number
  /** The exchange that reads it, merges the changes and writes this device's file again. */
  exchangeMs: number
  loopDelay: LoopDelay
  /** decodeDeviceFile of the same bytes on main, timed apart: the block the worker thread takes off main. */
  inThreadMs: number
}

export interface SavesResult {
  compactAfter: number
  savesPerSize: number
  createEvery: number
  sizes: SaveSize[]
}

export interface OpenResult {
  notes: number
  snapshotMB: number
  runs: number
  openMs: number[]
  medianMs: number
  /** The file read whole into memory and passed over once, in fresh processes (of which the read alone). */
  floor: { medianMs: number; readMs: number }
  parts: Record<string, number>
  /** The app's own readStoreFile (read, decode, parse, migrate/validate) alone, in fresh processes: a check on the parts. */
  readStoreFileMs: number
  /** The same data in other layouts, read + parsed and validated in fresh processes. */
  whatIfs: { label: string; mb: number; readMs: number }[]
  afterUncleanExit: { journalEntries: number; openMs: number[]; medianMs: number }
}

export interface CodeFile {
  path: string
  raw: number
  gzip: number
}

export interface RendererResult {
  start: {
    runs: number
    readyMs: Summary
    readyEachMs: number[]
    warmupReadyMs: number
    /** The floor page (bench/page/floor.js) taken the same way: what this harness costs before any app. */
    floorReadyMs: Summary
    /** One extra start with CDP Performance metrics: the main thread's busy time by kind, and the rest (waiting). */
    mainThread: { readyMs: number; busyMs: number; kinds: Record<string, number>; idleMs: number; hotScripts: HotFunction[] }
    /** That start's JS self time by source module, through source maps (when the start budget is missed). */
    jsSelfTimeByModule: { source: string; ms: number }[] | null
    breakdownMedianMs: Record<string, number>
    /** The floor page's milestones, medians, taken the same way (absent from runs before 2026-12-07 16:30). */
    floorBreakdownMedianMs?: Record<string, number>
    /** The same CDP metrics as `mainThread`, for one start of the floor page. */
    floorMainThread?: { readyMs: number; busyMs: number; kinds: Record<string, number>; idleMs: number; hotScripts: HotFunction[] }
    filterText: string
    filteredEveryRun: boolean
    listed: { before: number; after: number; typed: string }
    apiCalls: string[]
  }
  firstView: { files: CodeFile[]; gzipBytes: number; rawBytes: number }
  lazyChunks: { view: string; files: CodeFile[] }[]
  palette: {
    indexReadyMs: number
    keystrokes: number
    renderedMs: Summary
    nextFrameMs: Summary
    slowest: { query: string; rendered: number; domUpdated: number | null; nextFrame: number; options: number }[]
    perQueryP95Ms: Record<string, number>
  }
  heap: {
    firstView: { usedMB: number; totalMB: number; performanceMemoryMB: number }
    afterEveryView: { usedMB: number; totalMB: number; performanceMemoryMB: number }
    views: string[]
  }
  /** Where the first view's bytes come from, by source module (when the budget is missed). */
  firstViewSources?: { source: string; raw: number; share: number }[]
  /** The first view's JS minified with oxc and gzipped, when the build does not minify (what minifying would save). */
  firstViewMinifiedGzip?: number | null
  problems: string[]
}

/** The desktop app's start through Electron, or why it was not measured (no runtime on this machine). */
export type DesktopResult =
  | { skipped: string }
  | {
      runs: number
      /** From the launch call to the list painted: the whole start a user waits for. */
      launchToListMs: Summary
      /** From the window's navigation start to the list painted: what browse's start (row 1) measures. */
      navigationToListMs: Summary
    }

/** Note search in main (sections/note-search.ts). */
export type NoteSearchComparison = 'renderer' | 'minisearch' | 'flexsearch'

export interface NoteSearchBenchResult {
  notes: number
  wordsPerNote: number
  storeMB: number
  budgets: { firstKeystrokeP95Ms: number; perKeystrokeP95Ms: number; rendererHeapBytes: number }
  build: {
    ms: number
    heapMB: number
    rssMB: number
    /** Once written, the index is held in typed arrays, as a read of the file holds it. */
    heapAfterSaveMB: number
    rssAfterSaveMB: number
    fileMB: number
    saveMs: number
    /** Where it was built (the app's worker thread), main's time to take the worker's index, the worker's write. */
    builtIn: string
    adoptMs: number
    workerWriteMs: number
  }
  coldStarts: {
    runs: number
    storeOpenMs: Summary
    loadMs: Summary
    /** First query when the keystroke comes START_DELAY_MS after the store opened, bridge round trip included. */
    firstQueryMs: Summary
    /** The same with the query at once (it waits for what is left of the file's read). */
    firstQueryAtOnceMs: Summary
    heapMB: Summary
    /** Array buffers (the index's typed arrays, outside the JS heap) and RSS added by the index's load. */
    externalMB: Summary
    rssMB: Summary
    /** The load's steps, medians (ms; `bytes`: the file's size). */
    steps: Record<string, number>
    sources: string[]
  }
  perKeystroke: { keystrokes: number; rounds: number; bridgeMs: Summary; indexAloneMs: Summary; slowest: { query: string; ms: number }[] }
  browser: {
    coldStarts: number
    firstQueryMs: Summary
    perKeystrokeMs: Summary
    /** Bytes of note text that came back per query, on average (titles, subjects, snippets). */
    answerBytes: number
    heapMB: number
    paletteShowedNote: boolean
    /**
     * The notes page (#/notes) opened after it, to its list painted (ms), and how many notes it then shows (a page);
     * two words searched on it, each to the list painted (ms); one page's answer over the bridge (bytes).
     */
    notesPage: { ms: number; shown: number; searchMs: number[]; bridgeBytes: number } | null
  } | null
  comparisons: Record<
    NoteSearchComparison,
    { buildMs: number; heapMB: number; p95Ms: number; p50Ms: number; keystrokes: number; note: string } | { skipped: string }
  >
}
