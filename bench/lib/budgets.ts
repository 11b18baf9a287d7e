/** The budgets. Sizes are decimal: 1 kB = 1,000 bytes, 1 MB = 1,000,000 bytes (as Vite reports them). */
export const BUDGETS = {
  /** Navigation start → organisation list painted and a typed filter character applied; median. */
  startMs: 150,
  /** The same ÷ the floor page's, taken in the same run and harness (#18: within 1.3× the floor). */
  startToFloorRatio: 1.3,
  /** JS + CSS requested before the list is painted, gzipped. */
  firstViewGzipBytes: 150_000,
  /** Search per keystroke, p95, real pack. */
  searchRealP95Ms: 16,
  /** Search per keystroke, p95, at scale (10,000 organisations, 50,000 notes). */
  searchScaleP95Ms: 50,
  /** Palette: input event → options re-rendered, p95, real pack. */
  paletteP95Ms: 16,
  /** Save p95 with 1,000 notes in the store. */
  saveP95Ms: 10,
  /** Save p95 ÷ the p95 of appending and fdatasync'ing the same bytes. */
  saveToFloorRatio: 2,
  /** A merge of 10,000 incoming changes (another device's file) at 50,000 notes, to the store (#18). */
  mergeMs: 1000,
  /** UserStore.open of 50,000 notes, median. */
  openMs: 500,
  /** Note search in main, 50,000 notes: the first keystroke after a cold start, bridge round trip included, p95. */
  noteFirstKeystrokeP95Ms: 20,
  /** Note search in main, 50,000 notes: per keystroke, bridge round trip included, p95. */
  notePerKeystrokeP95Ms: 16,
  /** Renderer JS heap after every view, after a forced GC. */
  heapBytes: 60_000_000,
} as const
